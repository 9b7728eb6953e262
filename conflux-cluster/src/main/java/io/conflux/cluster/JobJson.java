package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Jobs as Batch's API shows them (DescribeJobs' {@code JobDetail}, ListJobs' {@code JobSummary}; dates in epoch
 * milliseconds) and as the cluster store keeps them (the detail plus what only Conflux needs to pick a job up again).
 */
final class JobJson {
    private JobJson() {}

    static ObjectNode detail(Job j, Function<String, Job> jobs) {
        ObjectNode o = Json.object();
        o.put("jobArn", j.arn);
        o.put("jobName", j.name);
        o.put("jobId", j.id);
        o.put("jobQueue", j.queueArn);
        o.put("status", j.status.name());
        ArrayNode attempts = o.putArray("attempts");
        for (Job.Attempt a : j.attempts) {
            ObjectNode ao = attempts.addObject();
            ObjectNode c = ao.putObject("container");
            if (a.exitCode() != null) {
                c.put("exitCode", a.exitCode());
            }
            if (a.reason() != null) {
                c.put("reason", a.reason());
            }
            c.put("logStreamName", a.logStreamName());
            c.putArray("networkInterfaces");
            if (a.startedAt() != null) {
                ao.put("startedAt", a.startedAt().toEpochMilli());
            }
            ao.put("stoppedAt", a.stoppedAt().toEpochMilli());
            ao.put("statusReason", a.statusReason());
        }
        if (j.statusReason != null) {
            o.put("statusReason", j.statusReason);
        }
        o.put("createdAt", j.createdAt.toEpochMilli());
        o.set("retryStrategy", j.retry.toJson());
        if (j.startedAt != null) {
            o.put("startedAt", j.startedAt.toEpochMilli());
        }
        if (j.stoppedAt != null) {
            o.put("stoppedAt", j.stoppedAt.toEpochMilli());
        }
        ArrayNode deps = o.putArray("dependsOn");
        for (Job.Dependency d : j.dependsOn) {
            ObjectNode dn = deps.addObject();
            if (d.jobId() != null) {
                dn.put("jobId", d.jobId());
            }
            if (d.type() != null) {
                dn.put("type", d.type());
            }
        }
        o.put("jobDefinition", j.definitionArn);
        o.set("parameters", j.parameters.deepCopy());
        if (!j.isArrayParent()) {
            o.set("container", container(j));
        }
        if (j.isArrayParent()) {
            ObjectNode ap = o.putObject("arrayProperties");
            Map<String, Integer> summary = new LinkedHashMap<>();
            for (JobStatus s : JobStatus.values()) {
                summary.put(s.name(), 0);
            }
            for (String child : j.children) {
                Job c = jobs.apply(child);
                if (c != null) {
                    summary.merge(c.status.name(), 1, Integer::sum);
                }
            }
            ObjectNode ss = ap.putObject("statusSummary");
            summary.forEach(ss::put);
            ap.put("size", j.arraySize);
        } else if (j.arrayIndex != null) {
            o.putObject("arrayProperties").put("index", j.arrayIndex);
        }
        if (j.timeoutSeconds != null) {
            o.putObject("timeout").put("attemptDurationSeconds", j.timeoutSeconds);
        }
        o.set("tags", j.tags.deepCopy());
        o.put("propagateTags", j.propagateTags);
        o.putArray("platformCapabilities").add("EC2");
        o.putArray("eksAttempts");
        o.put("isCancelled", j.cancelled);
        o.put("isTerminated", j.terminated);
        return o;
    }

    private static ObjectNode container(Job j) {
        ContainerSpec s = j.container;
        ObjectNode c = Json.object();
        if (s.image() != null) {
            c.put("image", s.image());
        }
        ArrayNode cmd = c.putArray("command");
        s.commandWith(j.parameters).forEach(cmd::add);
        c.putArray("volumes");
        ArrayNode env = c.putArray("environment");
        s.environment().forEach((k, v) -> env.addObject().put("name", k).put("value", v));
        c.putArray("mountPoints");
        c.putArray("ulimits");
        if (j.exitCode != null) {
            c.put("exitCode", j.exitCode);
        }
        if (j.containerReason != null) {
            c.put("reason", j.containerReason);
        }
        if (j.logStreamName != null) {
            c.put("logStreamName", j.logStreamName);
        }
        c.putArray("networkInterfaces");
        s.requirementsTo(c);
        c.putArray("secrets");
        return c;
    }

    static ObjectNode summary(Job j) {
        ObjectNode o = Json.object();
        o.put("jobArn", j.arn);
        o.put("jobId", j.id);
        o.put("jobName", j.name);
        o.put("createdAt", j.createdAt.toEpochMilli());
        o.put("status", j.status.name());
        if (j.statusReason != null) {
            o.put("statusReason", j.statusReason);
        }
        if (j.startedAt != null) {
            o.put("startedAt", j.startedAt.toEpochMilli());
        }
        if (j.stoppedAt != null) {
            o.put("stoppedAt", j.stoppedAt.toEpochMilli());
        }
        if (!j.isArrayParent()) {
            ObjectNode c = o.putObject("container");
            if (j.exitCode != null) {
                c.put("exitCode", j.exitCode);
            }
            if (j.containerReason != null) {
                c.put("reason", j.containerReason);
            }
        }
        if (j.isArrayParent()) {
            o.putObject("arrayProperties").put("size", j.arraySize);
        } else if (j.arrayIndex != null) {
            o.putObject("arrayProperties").put("index", j.arrayIndex);
        }
        o.put("jobDefinition", j.definitionArn);
        return o;
    }

    // ---- the store's form --------------------------------------------------------------------------------------

    static ObjectNode persist(Job j) {
        ObjectNode o = Json.object();
        o.put("id", j.id).put("arn", j.arn).put("name", j.name).put("queue", j.queueArn)
                .put("definition", j.definitionArn).put("seq", j.seq);
        ObjectNode c = o.putObject("container");
        if (j.container.image() != null) {
            c.put("image", j.container.image());
        }
        ArrayNode cmd = c.putArray("command");
        j.container.command().forEach(cmd::add);
        c.put("vcpus", j.container.vcpus()).put("memory", j.container.memoryMiB()).put("gpus", j.container.gpus());
        ObjectNode env = c.putObject("environment");
        j.container.environment().forEach(env::put);
        o.set("parameters", j.parameters);
        o.set("retryStrategy", j.retry.toJson());
        if (j.timeoutSeconds != null) {
            o.put("timeout", j.timeoutSeconds);
        }
        o.set("tags", j.tags);
        o.put("propagateTags", j.propagateTags);
        ArrayNode deps = o.putArray("dependsOn");
        j.dependsOn.forEach(d -> deps.addObject().put("jobId", d.jobId()).put("type", d.type()));
        if (j.arraySize != null) {
            o.put("arraySize", j.arraySize);
            ArrayNode ch = o.putArray("children");
            j.children.forEach(ch::add);
        }
        if (j.arrayIndex != null) {
            o.put("arrayIndex", j.arrayIndex).put("parent", j.parentId);
        }
        o.put("createdAt", j.createdAt.toEpochMilli());
        if (j.syncToken != null) {
            o.put("syncToken", j.syncToken);
        }
        o.put("status", j.status.name());
        o.put("statusReason", j.statusReason);
        putTime(o, "startedAt", j.startedAt);
        putTime(o, "stoppedAt", j.stoppedAt);
        putTime(o, "runnableAt", j.runnableAt);
        putTime(o, "placedAt", j.placedAt);
        putTime(o, "attemptStartedAt", j.attemptStartedAt);
        ArrayNode at = o.putArray("attempts");
        for (Job.Attempt a : j.attempts) {
            ObjectNode ao = at.addObject();
            putTime(ao, "startedAt", a.startedAt());
            putTime(ao, "stoppedAt", a.stoppedAt());
            if (a.exitCode() != null) {
                ao.put("exitCode", a.exitCode());
            }
            ao.put("reason", a.reason()).put("statusReason", a.statusReason()).put("logStreamName", a.logStreamName());
        }
        o.put("ce", j.ceArn).put("attemptNo", j.attemptNo).put("timedOut", j.timedOut)
                .put("terminateReason", j.terminateReason).put("cancelled", j.cancelled)
                .put("terminated", j.terminated).put("containerReason", j.containerReason)
                .put("logStreamName", j.logStreamName).put("queueWaitNanos", j.queueWaitNanos)
                .put("startLatencyNanos", j.startLatencyNanos).put("runMillis", j.runMillis);
        if (j.exitCode != null) {
            o.put("exitCode", j.exitCode);
        }
        return o;
    }

    static Job restore(JsonNode o) {
        JsonNode c = o.get("container");
        Map<String, String> env = ContainerSpec.env(c.get("environment"));
        ContainerSpec spec = new ContainerSpec(text(c, "image"), ContainerSpec.strings(c.get("command")),
                c.path("vcpus").asDouble(1), c.path("memory").asInt(0), c.path("gpus").asInt(0), env);
        List<Job.Dependency> deps = new ArrayList<>();
        for (JsonNode d : o.path("dependsOn")) {
            deps.add(new Job.Dependency(text(d, "jobId"), text(d, "type")));
        }
        Job j = new Job(o.get("id").asText(), o.get("arn").asText(), o.get("name").asText(), o.get("queue").asText(),
                o.get("definition").asText(), o.get("seq").asLong(), spec, (ObjectNode) o.get("parameters"),
                RetryStrategy.parse(o.get("retryStrategy"), "retryStrategy"),
                o.has("timeout") ? o.get("timeout").asInt() : null, (ObjectNode) o.get("tags"),
                o.path("propagateTags").asBoolean(), deps, o.has("arraySize") ? o.get("arraySize").asInt() : null,
                o.has("arrayIndex") ? o.get("arrayIndex").asInt() : null, text(o, "parent"),
                Instant.ofEpochMilli(o.get("createdAt").asLong()), text(o, "syncToken"));
        o.path("children").forEach(ch -> j.children.add(ch.asText()));
        j.status = JobStatus.valueOf(o.get("status").asText());
        j.statusReason = text(o, "statusReason");
        j.startedAt = time(o, "startedAt");
        j.stoppedAt = time(o, "stoppedAt");
        j.runnableAt = time(o, "runnableAt");
        j.placedAt = time(o, "placedAt");
        j.attemptStartedAt = time(o, "attemptStartedAt");
        for (JsonNode a : o.path("attempts")) {
            j.attempts.add(new Job.Attempt(time(a, "startedAt"), time(a, "stoppedAt"),
                    a.has("exitCode") ? a.get("exitCode").asInt() : null, text(a, "reason"), text(a, "statusReason"),
                    text(a, "logStreamName")));
        }
        j.ceArn = text(o, "ce");
        j.attemptNo = o.path("attemptNo").asInt();
        j.timedOut = o.path("timedOut").asBoolean();
        j.terminateReason = text(o, "terminateReason");
        j.cancelled = o.path("cancelled").asBoolean();
        j.terminated = o.path("terminated").asBoolean();
        j.exitCode = o.has("exitCode") ? o.get("exitCode").asInt() : null;
        j.containerReason = text(o, "containerReason");
        j.logStreamName = text(o, "logStreamName");
        j.queueWaitNanos = o.path("queueWaitNanos").asLong();
        j.startLatencyNanos = o.path("startLatencyNanos").asLong();
        j.runMillis = o.path("runMillis").asLong();
        return j;
    }

    private static void putTime(ObjectNode o, String field, Instant t) {
        if (t != null) {
            o.put(field, t.toEpochMilli());
        }
    }

    private static Instant time(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : Instant.ofEpochMilli(v.asLong());
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
