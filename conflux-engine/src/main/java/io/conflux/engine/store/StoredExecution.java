package io.conflux.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.ExecutionInfo;
import java.time.Instant;
import java.util.List;

/**
 * An execution as a durable store keeps it, enough to rebuild it after a restart: how it was created, and every
 * event applied to it since, in order.
 *
 * @param definition the definition text it runs (a state machine may have been updated since)
 */
public record StoredExecution(
        ExecutionInfo info,
        String definition,
        JsonNode input,
        Instant startTime,
        String salt,
        List<Event> events) {}
