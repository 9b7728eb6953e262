package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;

/**
 * One revision of a job definition, compiled when registered: its container ({@link ContainerSpec}), default
 * parameters, retry strategy and timeout. The request is kept to describe it back as it was given.
 */
record JobDefinition(String name, int revision, String arn, boolean active, ContainerSpec container,
        RetryStrategy retryStrategy, Integer timeoutSeconds, ObjectNode request) {

    static JobDefinition register(ObjectNode r, int revision, Arns arns) {
        String name = ComputeEnvironment.required(r, "jobDefinitionName");
        String type = r.path("type").asText("");
        if (!type.equals("container")) {
            throw ClusterFailure.client("Error executing request, Exception : Conflux runs job definitions of type "
                    + "container, got '" + type + "'.");
        }
        JsonNode cp = r.get("containerProperties");
        if (cp == null || !cp.isObject()) {
            throw ClusterFailure.client("Error executing request, Exception : containerProperties must be specified "
                    + "for a job definition of type container.");
        }
        RetryStrategy retry = RetryStrategy.parse(r.get("retryStrategy"), "retryStrategy");
        Integer timeout = r.path("timeout").has("attemptDurationSeconds")
                ? r.path("timeout").path("attemptDurationSeconds").asInt() : null;
        return new JobDefinition(name, revision, arns.jobDefinition(name, revision), true, ContainerSpec.parse(cp),
                retry, timeout, r.deepCopy());
    }

    JobDefinition deregistered() {
        return new JobDefinition(name, revision, arn, false, container, retryStrategy, timeoutSeconds, request);
    }

    /** Whether registering {@code r} would change nothing (a project deployed twice registers no new revision). */
    boolean sameAs(ObjectNode r) {
        ObjectNode a = request.deepCopy();
        ObjectNode b = r.deepCopy();
        return a.equals(b);
    }

    ObjectNode parameters() {
        return request.get("parameters") instanceof ObjectNode p ? p : Json.object();
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("jobDefinitionName", name);
        o.put("jobDefinitionArn", arn);
        o.put("revision", revision);
        o.put("status", active ? "ACTIVE" : "INACTIVE");
        o.put("type", "container");
        if (request.has("schedulingPriority")) {
            o.set("schedulingPriority", request.get("schedulingPriority"));
        }
        o.set("parameters", parameters().deepCopy());
        if (retryStrategy != null) {
            o.set("retryStrategy", retryStrategy.toJson());
        }
        o.set("containerProperties", request.get("containerProperties").deepCopy());
        if (timeoutSeconds != null) {
            o.putObject("timeout").put("attemptDurationSeconds", timeoutSeconds);
        }
        o.set("tags", request.get("tags") instanceof ObjectNode t ? t.deepCopy() : Json.object());
        o.put("propagateTags", request.path("propagateTags").asBoolean(false));
        var caps = o.putArray("platformCapabilities");
        if (request.get("platformCapabilities") instanceof com.fasterxml.jackson.databind.node.ArrayNode a
                && !a.isEmpty()) {
            a.forEach(caps::add);
        } else {
            caps.add("EC2");
        }
        o.put("containerOrchestrationType", "ECS");
        return o;
    }
}
