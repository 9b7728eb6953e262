package io.conflux.asl.expr;

/**
 * An ASL runtime error raised while evaluating a state: an error name such as {@code States.Runtime} and a cause.
 *
 * <p>These are expected failures of user definitions, not bugs: the interpreter catches them at the state boundary
 * and turns them into data (a failed state that Retry and Catch see). So this exception carries no stack trace.
 *
 * <p>An error of the definition's own fields may say which field failed ({@link #location}, e.g. {@code Output/result}
 * or {@code Items}): AWS records it as the {@code location} of the EvaluationFailed event.
 */
public final class StatesException extends RuntimeException {
    private final String error;
    private final String cause;
    private final String location;

    public StatesException(String error, String cause) {
        this(error, cause, null);
    }

    public StatesException(String error, String cause, String location) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.location = location;
    }

    public String error() {
        return error;
    }

    /** The cause text, as AWS words it, without the "An error occurred while executing the state" prefix. */
    public String cause() {
        return cause;
    }

    /** The field whose evaluation failed, as AWS names it ({@code Output/result}, {@code Timestamp} …), or null. */
    public String location() {
        return location;
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

    /** A States.QueryEvaluationError of the field {@code location}. */
    public static StatesException queryEvaluation(String cause, String location) {
        return new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, cause, location);
    }
}
