package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compute environment as configured: where its jobs run (its executor), how far it scales (min and max vCPUs), how
 * long it stays idle before it shrinks back, and its pricing class (on-demand for EC2 and FARGATE, spot for SPOT and
 * FARGATE_SPOT). How many vCPUs it has right now is the {@link Capacity} the scheduler keeps.
 *
 * @param request the CreateComputeEnvironment request as given (its {@code computeResources} are echoed back)
 */
record ComputeEnvironment(String name, String arn, String uuid, boolean enabled, String type, String resourceType,
        int minvCpus, int maxvCpus, int desiredvCpus, ExecutorSpec executor, Duration idleDelay,
        Map<String, String> tags, ObjectNode request) {
    static final String IDLE_TAG = "conflux:idleSeconds";
    static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

    boolean spot() {
        return resourceType.equals("SPOT") || resourceType.equals("FARGATE_SPOT");
    }

    String pricingClass() {
        return switch (resourceType) {
            case "SPOT" -> "SPOT";
            case "FARGATE" -> "FARGATE";
            case "FARGATE_SPOT" -> "FARGATE_SPOT";
            default -> "ON_DEMAND";
        };
    }

    /** From a CreateComputeEnvironment request (camelCase, as the API takes it). */
    static ComputeEnvironment create(ObjectNode r, Arns arns, String uuid) {
        String name = required(r, "computeEnvironmentName");
        String type = r.path("type").asText("");
        if (!type.equals("MANAGED") && !type.equals("UNMANAGED")) {
            throw ClusterFailure.client("Error executing request, Exception : Type must be one of MANAGED, UNMANAGED"
                    + (type.isEmpty() ? "" : ", got '" + type + "'") + ".");
        }
        Map<String, String> tags = tags(r.get("tags"));
        JsonNode cr = r.get("computeResources");
        String resourceType = "EC2";
        int min = 0;
        int max;
        int desired;
        if (type.equals("MANAGED")) {
            if (cr == null || !cr.isObject()) {
                throw ClusterFailure.client("Error executing request, Exception : computeResources must be "
                        + "specified for a MANAGED compute environment.");
            }
            resourceType = cr.path("type").asText("EC2");
            if (!java.util.List.of("EC2", "SPOT", "FARGATE", "FARGATE_SPOT").contains(resourceType)) {
                throw ClusterFailure.client("Error executing request, Exception : computeResources.type must be one "
                        + "of EC2, SPOT, FARGATE, FARGATE_SPOT, got '" + resourceType + "'.");
            }
            min = cr.path("minvCpus").asInt(0);
            if (!cr.has("maxvCpus")) {
                throw ClusterFailure.client("Error executing request, Exception : maxvCpus must be specified.");
            }
            max = cr.path("maxvCpus").asInt();
            desired = cr.path("desiredvCpus").asInt(min);
        } else {
            max = r.path("unmanagedvCpus").asInt(Runtime.getRuntime().availableProcessors());
            min = max;
            desired = max;
        }
        if (min < 0 || max < min || desired < min || desired > max) {
            throw ClusterFailure.client("Error executing request, Exception : Expected 0 <= minvCpus <= desiredvCpus <= "
                    + "maxvCpus, but got " + min + ", " + desired + ", " + max + ".");
        }
        Duration idle = DEFAULT_IDLE;
        if (tags.containsKey(IDLE_TAG)) {
            try {
                idle = Duration.ofMillis((long) (Double.parseDouble(tags.get(IDLE_TAG)) * 1000));
            } catch (NumberFormatException e) {
                throw ClusterFailure.client("Error executing request, Exception : The tag " + IDLE_TAG + " must be a "
                        + "number of seconds, got '" + tags.get(IDLE_TAG) + "'.");
            }
        }
        boolean enabled = !r.path("state").asText("ENABLED").equals("DISABLED");
        return new ComputeEnvironment(name, arns.computeEnvironment(name), uuid, enabled, type, resourceType, min, max,
                desired, ExecutorSpec.fromTags(tags), idle, tags, r.deepCopy());
    }

    /** The environment after UpdateComputeEnvironment: state and min/max/desired vCPUs change in place. */
    ComputeEnvironment update(ObjectNode u) {
        boolean en = u.has("state") ? !u.path("state").asText().equals("DISABLED") : enabled;
        JsonNode cr = u.path("computeResources");
        int min = cr.path("minvCpus").asInt(minvCpus);
        int max = cr.path("maxvCpus").asInt(maxvCpus);
        int desired = cr.path("desiredvCpus").asInt(Math.max(min, Math.min(desiredvCpus, max)));
        if (min < 0 || max < min || desired < min || desired > max) {
            throw ClusterFailure.client("Error executing request, Exception : Expected 0 <= minvCpus <= desiredvCpus <= "
                    + "maxvCpus, but got " + min + ", " + desired + ", " + max + ".");
        }
        ObjectNode req = request.deepCopy();
        req.put("state", en ? "ENABLED" : "DISABLED");
        if (req.get("computeResources") instanceof ObjectNode c) {
            c.put("minvCpus", min).put("maxvCpus", max).put("desiredvCpus", desired);
        }
        return new ComputeEnvironment(name, arn, uuid, en, type, resourceType, min, max, desired, executor, idleDelay,
                tags, req);
    }

    /** DescribeComputeEnvironments' shape; {@code status} and its reason come from whether the executor can run. */
    ObjectNode toJson(int currentDesired, String invalidReason) {
        ObjectNode o = Json.object();
        o.put("computeEnvironmentName", name);
        o.put("computeEnvironmentArn", arn);
        o.put("ecsClusterArn", "arn:aws:ecs:" + arn.split(":")[3] + ":" + arn.split(":")[4] + ":cluster/AWSBatch-"
                + name + "-" + uuid);
        ObjectNode t = o.putObject("tags");
        tags.forEach(t::put);
        o.put("type", type);
        o.put("state", enabled ? "ENABLED" : "DISABLED");
        o.put("status", invalidReason == null ? "VALID" : "INVALID");
        o.put("statusReason", invalidReason == null ? "ComputeEnvironment Healthy" : invalidReason);
        if (type.equals("MANAGED")) {
            ObjectNode cr = request.get("computeResources") instanceof ObjectNode c ? c.deepCopy() : Json.object();
            cr.put("type", resourceType).put("minvCpus", minvCpus).put("maxvCpus", maxvCpus)
                    .put("desiredvCpus", currentDesired);
            o.set("computeResources", cr);
        } else {
            o.put("unmanagedvCpus", maxvCpus);
        }
        if (request.has("serviceRole")) {
            o.set("serviceRole", request.get("serviceRole"));
        }
        o.put("uuid", uuid);
        o.put("containerOrchestrationType", executor.kind() == ExecutorSpec.Kind.KUBERNETES ? "EKS" : "ECS");
        return o;
    }

    static String required(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw ClusterFailure.client("Error executing request, Exception : " + field + " must be specified.");
        }
        return v.asText();
    }

    static Map<String, String> tags(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
