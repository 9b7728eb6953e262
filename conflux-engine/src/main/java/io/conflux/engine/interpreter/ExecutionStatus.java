package io.conflux.engine.interpreter;

/** AWS's execution statuses. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE;

    public boolean isTerminal() {
        return this != RUNNING && this != PENDING_REDRIVE;
    }
}
