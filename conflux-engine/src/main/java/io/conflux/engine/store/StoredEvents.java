package io.conflux.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.Event;
import java.time.Instant;

/**
 * The JSON form of the events a durable store keeps. An execution's state is rebuilt by feeding its stored events
 * to the interpreter again (it is deterministic), so these are the execution's source of truth.
 */
public final class StoredEvents {
    private StoredEvents() {}

    public static ObjectNode write(Event e) {
        ObjectNode o = Json.object();
        o.put("at", e.at().toString());
        switch (e) {
            case Event.Start s -> o.put("type", "Start");
            case Event.TaskStarted s -> {
                o.put("type", "TaskStarted").put("token", s.token());
                if (s.workerName() != null) {
                    o.put("workerName", s.workerName());
                }
            }
            case Event.TaskSubmitted s -> o.put("type", "TaskSubmitted").put("token", s.token())
                    .set("response", s.response());
            case Event.TaskSucceeded s -> o.put("type", "TaskSucceeded").put("token", s.token())
                    .set("output", s.output());
            case Event.TaskFailed s -> {
                o.put("type", "TaskFailed").put("token", s.token());
                o.put("error", s.error());
                o.put("cause", s.cause());
            }
            case Event.TaskHeartbeat s -> o.put("type", "TaskHeartbeat").put("token", s.token());
            case Event.TimerFired s -> o.put("type", "TimerFired").put("timer", s.timerId());
            case Event.Stop s -> {
                o.put("type", "Stop");
                o.put("error", s.error());
                o.put("cause", s.cause());
            }
            case Event.Redrive s -> o.put("type", "Redrive");
        }
        return o;
    }

    public static Event read(JsonNode o) {
        Instant at = Instant.parse(o.get("at").asText());
        String token = text(o, "token");
        return switch (o.get("type").asText()) {
            case "Start" -> new Event.Start(at);
            case "TaskStarted" -> new Event.TaskStarted(at, token, text(o, "workerName"));
            case "TaskSubmitted" -> new Event.TaskSubmitted(at, token, o.get("response"));
            case "TaskSucceeded" -> new Event.TaskSucceeded(at, token, o.get("output"));
            case "TaskFailed" -> new Event.TaskFailed(at, token, text(o, "error"), text(o, "cause"));
            case "TaskHeartbeat" -> new Event.TaskHeartbeat(at, token);
            case "TimerFired" -> new Event.TimerFired(at, text(o, "timer"));
            case "Stop" -> new Event.Stop(at, text(o, "error"), text(o, "cause"));
            case "Redrive" -> new Event.Redrive(at);
            default -> throw new IllegalStateException("Expected a stored event type, but got " + o.get("type"));
        };
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
