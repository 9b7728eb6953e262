package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ECS task and its containers, as DescribeTasks shows it. Mutable, guarded by the lock of {@link Ecs}. Dates are
 * epoch seconds on ECS's wire (JSON 1.1) and epoch milliseconds in Step Functions' {@code .sync} output, hence
 * {@link #toJson}'s flag.
 */
final class EcsTask {
    /** One container of the task. */
    static final class Container {
        final String name;
        final String arn;
        final String image;
        final List<String> command;
        final Map<String, String> environment;
        final int cpu;
        final int memoryMiB;
        final boolean essential;
        String lastStatus = "PENDING";
        Integer exitCode;
        String reason;
        boolean ended;
        transient JobExecutor.Run run;

        Container(String name, String arn, String image, List<String> command, Map<String, String> environment,
                int cpu, int memoryMiB, boolean essential) {
            this.name = name;
            this.arn = arn;
            this.image = image;
            this.command = List.copyOf(command);
            this.environment = Map.copyOf(environment);
            this.cpu = cpu;
            this.memoryMiB = memoryMiB;
            this.essential = essential;
        }
    }

    final String id;
    final String arn;
    final String clusterArn;
    final String taskDefinitionArn;
    final String family;
    final String launchType;
    final String cpu;
    final String memory;
    final ObjectNode overrides;
    final String startedBy;
    final JsonNode tags;
    final Instant createdAt;
    final String syncToken;
    final String pricingClass;
    final List<Container> containers = new ArrayList<>();
    String lastStatus = "PROVISIONING";
    String desiredStatus = "RUNNING";
    Instant startedAt;
    Instant stoppingAt;
    Instant stoppedAt;
    String stopCode;
    String stoppedReason;
    int version = 1;
    transient JobExecutor executor;

    EcsTask(String id, String arn, String clusterArn, String taskDefinitionArn, String family, String launchType,
            String cpu, String memory, ObjectNode overrides, String startedBy, JsonNode tags, Instant createdAt,
            String syncToken, String pricingClass) {
        this.id = id;
        this.arn = arn;
        this.clusterArn = clusterArn;
        this.taskDefinitionArn = taskDefinitionArn;
        this.family = family;
        this.launchType = launchType;
        this.cpu = cpu;
        this.memory = memory;
        this.overrides = overrides;
        this.startedBy = startedBy;
        this.tags = tags;
        this.createdAt = createdAt;
        this.syncToken = syncToken;
        this.pricingClass = pricingClass;
    }

    String runId(Container c) {
        return id + "-" + c.name;
    }

    boolean stopped() {
        return lastStatus.equals("STOPPED");
    }

    /** Whether every essential container exited with 0 (what {@code ecs:runTask.sync} counts as success). */
    boolean succeeded() {
        if (!"EssentialContainerExited".equals(stopCode)) {
            return false;
        }
        for (Container c : containers) {
            if (c.essential && (c.exitCode == null || c.exitCode != 0)) {
                return false;
            }
        }
        return true;
    }

    Usage usage() {
        double vcpus = Integer.parseInt(cpu) / 1024.0;
        int mem = Integer.parseInt(memory);
        double seconds = startedAt == null ? 0
                : Duration.between(startedAt, stoppedAt == null ? startedAt : stoppedAt).toMillis() / 1000.0;
        return new Usage(id, family, null, clusterArn, pricingClass, vcpus, mem, 1, seconds, seconds * vcpus,
                seconds * mem / 1024.0, Duration.ZERO,
                startedAt == null ? Duration.ZERO : Duration.between(createdAt, startedAt));
    }

    ObjectNode toJson(boolean millis) {
        ObjectNode o = Json.object();
        o.putArray("attachments");
        o.putArray("attributes");
        o.put("clusterArn", clusterArn);
        if (startedAt != null) {
            o.put("connectivity", "CONNECTED");
            time(o, "connectivityAt", startedAt, millis);
        }
        ArrayNode cs = o.putArray("containers");
        for (Container c : containers) {
            ObjectNode co = cs.addObject();
            co.put("containerArn", c.arn);
            co.put("taskArn", arn);
            co.put("name", c.name);
            if (c.image != null) {
                co.put("image", c.image);
            }
            co.put("runtimeId", id + "-" + c.name);
            co.put("lastStatus", c.lastStatus);
            if (c.exitCode != null) {
                co.put("exitCode", c.exitCode);
            }
            if (c.reason != null) {
                co.put("reason", c.reason);
            }
            co.putArray("networkBindings");
            co.putArray("networkInterfaces");
            co.put("cpu", Integer.toString(c.cpu));
            if (c.memoryMiB > 0) {
                co.put("memory", Integer.toString(c.memoryMiB));
            }
            co.putArray("gpuIds");
        }
        o.put("cpu", cpu);
        time(o, "createdAt", createdAt, millis);
        o.put("desiredStatus", desiredStatus);
        o.put("enableExecuteCommand", false);
        if (stoppingAt != null) {
            time(o, "executionStoppedAt", stoppingAt, millis);
        }
        o.put("group", "family:" + family);
        o.putArray("inferenceAccelerators");
        o.put("lastStatus", lastStatus);
        o.put("launchType", launchType);
        o.put("memory", memory);
        o.set("overrides", overrides.deepCopy());
        if (launchType.equals("FARGATE")) {
            o.put("platformVersion", "1.4.0");
            o.put("platformFamily", "Linux");
        }
        if (startedAt != null) {
            time(o, "pullStartedAt", startedAt, millis);
            time(o, "pullStoppedAt", startedAt, millis);
            time(o, "startedAt", startedAt, millis);
        }
        if (startedBy != null) {
            o.put("startedBy", startedBy);
        }
        if (stopCode != null) {
            o.put("stopCode", stopCode);
        }
        if (stoppedAt != null) {
            time(o, "stoppedAt", stoppedAt, millis);
        }
        if (stoppedReason != null) {
            o.put("stoppedReason", stoppedReason);
        }
        if (stoppingAt != null) {
            time(o, "stoppingAt", stoppingAt, millis);
        }
        o.set("tags", tags == null ? Json.array() : tags.deepCopy());
        o.put("taskArn", arn);
        o.put("taskDefinitionArn", taskDefinitionArn);
        o.put("version", version);
        return o;
    }

    private static void time(ObjectNode o, String field, Instant t, boolean millis) {
        if (millis) {
            o.put(field, t.toEpochMilli());
        } else {
            o.put(field, t.toEpochMilli() / 1000.0);
        }
    }
}
