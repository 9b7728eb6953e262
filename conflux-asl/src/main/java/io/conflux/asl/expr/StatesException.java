package io.conflux.asl.expr;

/**
 * An ASL runtime error raised while evaluating a state: an error name such as {@code States.Runtime} and a cause.
 *
 * <p>These are expected failures of user definitions, not bugs: the interpreter catches them at the state boundary
 * and turns them into data (a failed state that Retry and Catch see). So this exception carries no stack trace.
 */
public final class StatesException extends RuntimeException {
    private final String error;
    private final String cause;

    public StatesException(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    /** The cause text, as AWS words it, without the "An error occurred while executing the state" prefix. */
    public String cause() {
        return cause;
    }

    public static StatesException runtime(String cause) {
        return new StatesException(ErrorNames.RUNTIME, cause);
    }

    public static StatesException intrinsic(String cause) {
        return new StatesException(ErrorNames.INTRINSIC_FAILURE, cause);
    }

    public static StatesException queryEvaluation(String cause) {
        return new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, cause);
    }
}
