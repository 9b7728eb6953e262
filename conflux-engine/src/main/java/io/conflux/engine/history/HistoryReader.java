package io.conflux.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads back what {@link HistoryJson#write} wrote with data and ISO timestamps: how durable stores keep history
 * events. {@code read(write(e)) } equals {@code e} for every event the interpreter produces.
 */
public final class HistoryReader {
    private HistoryReader() {}

    public static HistoryEvent read(JsonNode o) {
        EventType type = EventType.valueOf(o.get("type").asText());
        JsonNode d = o.get(HistoryJson.detailsField(type));
        EventDetails details = d == null ? EventDetails.NONE : details(type, d);
        return new HistoryEvent(o.get("id").asLong(), o.get("previousEventId").asLong(),
                Instant.parse(o.get("timestamp").asText()), type, details);
    }

    private static EventDetails details(EventType type, JsonNode d) {
        String name = type.name();
        if (name.endsWith("StateEntered")) {
            return new EventDetails.StateEntered(text(d, "name"), json(d, "input"));
        }
        if (name.endsWith("StateExited")) {
            Map<String, String> assigned = null;
            if (d.has("assignedVariables")) {
                assigned = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> v : d.get("assignedVariables").properties()) {
                    assigned.put(v.getKey(), v.getValue().isNull() ? null : v.getValue().asText());
                }
            }
            return new EventDetails.StateExited(text(d, "name"), json(d, "output"), assigned);
        }
        return switch (type) {
            case ExecutionStarted -> new EventDetails.ExecutionStarted(json(d, "input"), text(d, "roleArn"),
                    text(d, "stateMachineAliasArn"), text(d, "stateMachineVersionArn"));
            case ExecutionSucceeded -> new EventDetails.ExecutionSucceeded(json(d, "output"));
            case ExecutionRedriven -> new EventDetails.ExecutionRedriven(d.path("redriveCount").asInt());
            case ExecutionFailed, ExecutionAborted, ExecutionTimedOut ->
                    new EventDetails.ExecutionEnded(text(d, "error"), text(d, "cause"));
            case MapStateStarted -> new EventDetails.MapStateStarted(d.path("length").asInt());
            case MapRunStarted -> new EventDetails.MapRunStarted(text(d, "mapRunArn"));
            case MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted ->
                    new EventDetails.MapIteration(text(d, "name"), d.path("index").asInt());
            case TaskScheduled -> new EventDetails.TaskScheduled(text(d, "resourceType"), text(d, "resource"),
                    text(d, "region"), json(d, "parameters"), number(d, "timeoutInSeconds"),
                    number(d, "heartbeatInSeconds"), d.get("taskCredentials"));
            case TaskStarted -> new EventDetails.TaskStarted(text(d, "resourceType"), text(d, "resource"));
            case TaskSubmitted, TaskSucceeded ->
                    new EventDetails.TaskOutput(text(d, "resourceType"), text(d, "resource"), json(d, "output"));
            case TaskFailed, TaskTimedOut, TaskStartFailed, TaskSubmitFailed -> new EventDetails.TaskError(
                    text(d, "resourceType"), text(d, "resource"), text(d, "error"), text(d, "cause"));
            case LambdaFunctionScheduled, ActivityScheduled -> new EventDetails.Scheduled(text(d, "resource"),
                    json(d, "input"), number(d, "timeoutInSeconds"), number(d, "heartbeatInSeconds"));
            case ActivityStarted -> new EventDetails.ActivityStarted(text(d, "workerName"));
            case LambdaFunctionSucceeded, ActivitySucceeded -> new EventDetails.Output(json(d, "output"));
            case EvaluationFailed -> new EventDetails.EvaluationFailed(text(d, "error"), text(d, "cause"),
                    text(d, "location"), text(d, "state"));
            default -> new EventDetails.Failure(text(d, "error"), text(d, "cause"));
        };
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    /** A payload field, which the AWS shape holds as JSON text. */
    private static JsonNode json(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Json.parse(v.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Expected JSON text in the stored history field " + field + ", but "
                    + e.getOriginalMessage(), e);
        }
    }
}
