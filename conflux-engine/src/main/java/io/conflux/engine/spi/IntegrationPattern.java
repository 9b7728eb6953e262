package io.conflux.engine.spi;

/** How a Task state waits for its task, from the suffix of its Resource. */
public enum IntegrationPattern {
    /** Request-response: the node's answer is the result. */
    REQUEST_RESPONSE(""),
    /** {@code .sync}: run a job and wait for it to finish. */
    RUN_JOB(".sync"),
    /** {@code .sync:2}: as .sync, with the newer output shape (child executions). */
    RUN_JOB_2(".sync:2"),
    /** {@code .waitForTaskToken}: start something, then wait for SendTaskSuccess/Failure with the token. */
    WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    IntegrationPattern(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The pattern a Resource asks for. Only {@code arn:aws:states:::…} integrations have suffixes. */
    public static IntegrationPattern of(String resource) {
        if (resource.endsWith(WAIT_FOR_TASK_TOKEN.suffix)) {
            return WAIT_FOR_TASK_TOKEN;
        }
        if (resource.endsWith(RUN_JOB_2.suffix)) {
            return RUN_JOB_2;
        }
        if (resource.endsWith(RUN_JOB.suffix)) {
            return RUN_JOB;
        }
        return REQUEST_RESPONSE;
    }

    String strip(String resource) {
        return resource.substring(0, resource.length() - suffix.length());
    }
}
