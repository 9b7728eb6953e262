package io.conflux.asl.intrinsic;

/**
 * An intrinsic expression failed while it was evaluated. {@code detail} is AWS's sentence for it; the top-level
 * expression wraps it into "The function '…' had the following error: …", naming the whole expression as written
 * even when a nested call failed, as AWS does.
 */
final class EvaluationFailure extends RuntimeException {
    private final String detail;
    private final String reason;

    EvaluationFailure(String detail, String reason) {
        super(detail, null, false, false);
        this.detail = detail;
        this.reason = reason;
    }

    /** AWS's wording, e.g. "Invalid arguments in States.MathAdd". */
    String detail() {
        return detail;
    }

    /** Our fuller explanation, for load-time diagnostics. */
    String reason() {
        return reason;
    }
}
