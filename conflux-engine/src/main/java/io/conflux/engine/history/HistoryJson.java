package io.conflux.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.util.Map;

/** Writes history events in the shape of AWS's GetExecutionHistory response. */
public final class HistoryJson {
    private HistoryJson() {}

    /** How timestamps are written: epoch seconds (the JSON 1.0 wire format) or ISO-8601 text (for people). */
    public enum Timestamps {
        EPOCH_SECONDS,
        ISO
    }

    /**
     * @param includeData whether inputs and outputs are included (AWS's {@code includeExecutionData})
     */
    public static ObjectNode write(HistoryEvent e, boolean includeData, Timestamps timestamps) {
        ObjectNode out = Json.object();
        if (timestamps == Timestamps.ISO) {
            out.put("timestamp", e.timestamp().toString());
        } else {
            out.put("timestamp", e.timestamp().toEpochMilli() / 1000.0);
        }
        out.put("type", e.type().name());
        out.put("id", e.id());
        out.put("previousEventId", e.previousEventId());
        if (!(e.details() instanceof EventDetails.None)) {
            out.set(detailsField(e.type()), details(e.details(), includeData));
        }
        return out;
    }

    /** AWS's name of the details member for {@code type}, e.g. {@code taskScheduledEventDetails}. */
    public static String detailsField(EventType type) {
        String name = type.name();
        if (name.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (name.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "EventDetails";
    }

    private static ObjectNode details(EventDetails d, boolean data) {
        ObjectNode o = Json.object();
        switch (d) {
            case EventDetails.None n -> {}
            case EventDetails.ExecutionStarted s -> {
                payload(o, "input", s.input(), data);
                put(o, "roleArn", s.roleArn());
                put(o, "stateMachineAliasArn", s.stateMachineAliasArn());
                put(o, "stateMachineVersionArn", s.stateMachineVersionArn());
            }
            case EventDetails.ExecutionSucceeded s -> payload(o, "output", s.output(), data);
            case EventDetails.ExecutionRedriven s -> o.put("redriveCount", s.redriveCount());
            case EventDetails.ExecutionEnded s -> errorCause(o, s.error(), s.cause(), data);
            case EventDetails.StateEntered s -> {
                put(o, "name", s.name());
                payload(o, "input", s.input(), data);
            }
            case EventDetails.StateExited s -> {
                put(o, "name", s.name());
                payload(o, "output", s.output(), data);
                if (s.assignedVariables() != null) {
                    ObjectNode vars = o.putObject("assignedVariables");
                    for (Map.Entry<String, String> v : s.assignedVariables().entrySet()) {
                        vars.put(v.getKey(), data ? v.getValue() : null);
                    }
                    o.putObject("assignedVariablesDetails").put("truncated", false);
                }
            }
            case EventDetails.MapStateStarted s -> o.put("length", s.length());
            case EventDetails.MapRunStarted s -> put(o, "mapRunArn", s.mapRunArn());
            case EventDetails.MapIteration s -> {
                put(o, "name", s.name());
                o.put("index", s.index());
            }
            case EventDetails.TaskScheduled s -> {
                put(o, "resourceType", s.resourceType());
                put(o, "resource", s.resource());
                put(o, "region", s.region());
                if (data && s.parameters() != null) {
                    o.put("parameters", Json.write(s.parameters()));
                }
                if (s.timeoutInSeconds() != null) {
                    o.put("timeoutInSeconds", s.timeoutInSeconds());
                }
                if (s.heartbeatInSeconds() != null) {
                    o.put("heartbeatInSeconds", s.heartbeatInSeconds());
                }
                if (s.taskCredentials() != null) {
                    o.set("taskCredentials", s.taskCredentials());
                }
            }
            case EventDetails.TaskStarted s -> {
                put(o, "resourceType", s.resourceType());
                put(o, "resource", s.resource());
            }
            case EventDetails.TaskOutput s -> {
                put(o, "resourceType", s.resourceType());
                put(o, "resource", s.resource());
                payload(o, "output", s.output(), data);
            }
            case EventDetails.TaskError s -> {
                put(o, "resourceType", s.resourceType());
                put(o, "resource", s.resource());
                errorCause(o, s.error(), s.cause(), data);
            }
            case EventDetails.Scheduled s -> {
                put(o, "resource", s.resource());
                payload(o, "input", s.input(), data);
                if (s.timeoutInSeconds() != null) {
                    o.put("timeoutInSeconds", s.timeoutInSeconds());
                }
                if (s.heartbeatInSeconds() != null) {
                    o.put("heartbeatInSeconds", s.heartbeatInSeconds());
                }
            }
            case EventDetails.ActivityStarted s -> put(o, "workerName", s.workerName());
            case EventDetails.Output s -> payload(o, "output", s.output(), data);
            case EventDetails.Failure s -> errorCause(o, s.error(), s.cause(), data);
            case EventDetails.EvaluationFailed s -> {
                errorCause(o, s.error(), s.cause(), data);
                put(o, "location", s.location());
                put(o, "state", s.state());
            }
        }
        return o;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void errorCause(ObjectNode o, String error, String cause, boolean data) {
        put(o, "error", error);
        if (data) {
            put(o, "cause", cause);
        }
    }

    private static void payload(ObjectNode o, String field, JsonNode value, boolean data) {
        if (data && value != null) {
            o.put(field, Json.write(value));
        }
        o.putObject(field + "Details").put("truncated", false);
    }
}
