package io.conflux.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task the engine hands to a processing node.
 *
 * @param executionArn the execution it belongs to
 * @param stateName the Task state
 * @param resource the Resource as written in the definition (an ARN)
 * @param pattern how the engine waits: for the response, for a job to finish ({@code .sync}), or for a callback with
 *     the task token ({@code .waitForTaskToken})
 * @param input the effective input (after InputPath and Parameters, or JSONata Arguments)
 * @param taskToken identifies this attempt; a callback or an activity worker answers with it
 * @param timeoutSeconds the state's TimeoutSeconds, or null for none
 * @param heartbeatSeconds the state's HeartbeatSeconds, or null for none
 * @param credentials the state's Credentials, evaluated, or null
 */
public record TaskRequest(
        String executionArn,
        String stateName,
        String resource,
        IntegrationPattern pattern,
        JsonNode input,
        String taskToken,
        Long timeoutSeconds,
        Long heartbeatSeconds,
        JsonNode credentials) {

    /** The part of {@link #resource} without the integration pattern suffix. */
    public String baseResource() {
        return pattern.strip(resource);
    }
}
