package io.conflux.cluster;

/** AWS Batch's job states, in the order a job moves through them. */
enum JobStatus {
    SUBMITTED,
    PENDING,
    RUNNABLE,
    STARTING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Holds capacity on a compute environment. */
    boolean placed() {
        return this == STARTING || this == RUNNING;
    }
}
