package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.spi.TaskRequest;

/**
 * A task a frame waits for.
 *
 * @param kind how its history events are named (Lambda, Activity or Task)
 * @param timeoutTimer the TimeoutSeconds timer, or null
 * @param heartbeatTimer the current HeartbeatSeconds timer, or null (replaced on every heartbeat)
 */
record PendingTask(TaskRequest request, TaskKind kind, JsonNode effectiveInput, String timeoutTimer,
        String heartbeatTimer, boolean started) {

    PendingTask asStarted() {
        return new PendingTask(request, kind, effectiveInput, timeoutTimer, heartbeatTimer, true);
    }

    PendingTask withHeartbeatTimer(String timer) {
        return new PendingTask(request, kind, effectiveInput, timeoutTimer, timer, started);
    }
}
