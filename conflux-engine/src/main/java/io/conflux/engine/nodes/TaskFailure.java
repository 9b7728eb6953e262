package io.conflux.engine.nodes;

/**
 * Thrown by a {@link JavaHandlers.Handler} to fail its task with an error name of its choice, which Retry and Catch
 * match (e.g. {@code "Inventory.OutOfStock"}).
 */
public final class TaskFailure extends RuntimeException {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
