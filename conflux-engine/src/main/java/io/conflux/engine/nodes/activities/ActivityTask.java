package io.conflux.engine.nodes.activities;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task handed to a worker by GetActivityTask.
 *
 * @param taskToken the worker answers with it (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat)
 * @param input the task's effective input
 */
public record ActivityTask(String taskToken, JsonNode input) {}
