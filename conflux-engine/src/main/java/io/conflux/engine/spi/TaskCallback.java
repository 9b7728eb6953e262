package io.conflux.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a processing node reports on a task. Callable from any thread, any number of times: only the first terminal
 * report (succeeded or failed) of an attempt counts; later ones are ignored, as AWS ignores a second SendTaskSuccess.
 */
public interface TaskCallback {

    /** The task has started (an activity was picked up by a worker; a function began running). */
    void started(String workerName);

    /**
     * As {@link #started}, and returns only once the start is stored (with a durable store): for nodes that hand the
     * task to someone outside right after (an activity worker), so that a restart never hands it out again.
     */
    default void startedRecorded(String workerName) {
        started(workerName);
    }

    /**
     * For {@code .waitForTaskToken} and {@code .sync}: the request was submitted; the result comes later (through
     * {@link #succeeded} or through the engine's SendTaskSuccess with the token).
     */
    void submitted(JsonNode response);

    void succeeded(JsonNode output);

    /** @param error the error name Retry and Catch match (e.g. {@code Lambda.Unknown}); cause may be null */
    void failed(String error, String cause);

    void heartbeat();
}
