package io.conflux.store.jdbc;

/** The database failed. Not an expected failure of a workflow: callers log it and stop the affected work. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
