package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS Batch's REST API ({@code rest-json}: {@code POST /v1/submitjob} and its siblings, JSON bodies, dates in epoch
 * milliseconds), the subset the AWS CLI and SDKs use for jobs, queues, compute environments and job definitions.
 * Failures are mapped here, in one place: expected ones as {@code ClientException} (HTTP 400), anything else as
 * {@code ServerException} (HTTP 500, details in the log only). Also Conflux's own endpoints under
 * {@code /conflux/cluster}: logs of a job or task, usage for the cost model, capacity of compute environments.
 */
final class BatchApi {
    private static final Logger LOG = LoggerFactory.getLogger(BatchApi.class);

    @FunctionalInterface
    private interface Op {
        ObjectNode handle(ObjectNode input);
    }

    private final Batch batch;
    private final Ecs ecs;
    private final Map<String, Op> ops = new LinkedHashMap<>();

    BatchApi(Batch batch, Ecs ecs) {
        this.batch = batch;
        this.ecs = ecs;
        ops.put("submitjob", batch::submitJobApi);
        ops.put("describejobs", in -> list("jobs", batch.describeJobs(strings(in, "jobs", true))));
        ops.put("listjobs", batch::listJobs);
        ops.put("terminatejob", in -> {
            batch.terminate(required(in, "jobId"), required(in, "reason"));
            return Json.object();
        });
        ops.put("canceljob", in -> {
            batch.cancel(required(in, "jobId"), required(in, "reason"));
            return Json.object();
        });
        ops.put("registerjobdefinition", in -> batch.registerJobDefinition(in, false));
        ops.put("describejobdefinitions", in -> list("jobDefinitions", batch.describeJobDefinitions(in)));
        ops.put("deregisterjobdefinition", in -> {
            batch.deregisterJobDefinition(required(in, "jobDefinition"));
            return Json.object();
        });
        ops.put("createjobqueue", batch::createJobQueue);
        ops.put("describejobqueues", in -> list("jobQueues", batch.describeJobQueues(strings(in, "jobQueues",
                false))));
        ops.put("updatejobqueue", batch::updateJobQueue);
        ops.put("deletejobqueue", in -> {
            batch.deleteJobQueue(required(in, "jobQueue"));
            return Json.object();
        });
        ops.put("createcomputeenvironment", batch::createComputeEnvironment);
        ops.put("describecomputeenvironments", in -> list("computeEnvironments",
                batch.describeComputeEnvironments(strings(in, "computeEnvironments", false))));
        ops.put("updatecomputeenvironment", batch::updateComputeEnvironment);
        ops.put("deletecomputeenvironment", in -> {
            batch.deleteComputeEnvironment(required(in, "computeEnvironment"));
            return Json.object();
        });
    }

    void routes(RoutesConfig r) {
        for (String op : ops.keySet()) {
            r.post("/v1/" + op, ctx -> handle(ctx, ops.get(op)));
        }
        r.get("/conflux/cluster/jobs/{jobId}/logs", ctx -> {
            String a = ctx.queryParam("attempt");
            String logs = batch.logs(ctx.pathParam("jobId"), a == null ? null : Integer.valueOf(a));
            text(ctx, logs);
        });
        r.get("/conflux/cluster/tasks/{taskId}/logs", ctx -> text(ctx, ecs.logs(ctx.pathParam("taskId"),
                ctx.queryParam("container"))));
        r.get("/conflux/cluster/usage", ctx -> {
            ObjectNode out = Json.object();
            ArrayNode jobs = out.putArray("jobs");
            batch.usage(ctx.queryParam("jobId")).forEach(u -> jobs.add(u.toJson()));
            ArrayNode tasks = out.putArray("tasks");
            ecs.usage().forEach(u -> tasks.add(u.toJson()));
            ctx.contentType("application/json").result(Json.write(out));
        });
        r.get("/conflux/cluster/capacity", ctx -> {
            ArrayNode out = Json.array();
            for (Capacity.View v : batch.capacityViews()) {
                out.add(Json.MAPPER.valueToTree(v));
            }
            ctx.contentType("application/json").result(Json.write(out));
        });
    }

    private static void text(Context ctx, String logs) {
        if (logs == null) {
            ctx.status(404).contentType("application/json").result(Json.write(Json.object()
                    .put("message", "No logs for that run (yet)")));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(logs);
        }
    }

    private void handle(Context ctx, Op op) {
        ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
        ObjectNode in;
        try {
            String body = ctx.body();
            JsonNode parsed = body.isBlank() ? Json.object() : Json.parse(body);
            if (!(parsed instanceof ObjectNode o)) {
                throw ClusterFailure.client("Expected a JSON object as the request body");
            }
            in = o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            fail(ctx, 400, "ClientException", "Expected a JSON request body: " + e.getOriginalMessage());
            return;
        } catch (ClusterFailure f) {
            fail(ctx, 400, f.type(), f.getMessage());
            return;
        }
        try {
            ctx.status(200).contentType("application/json").result(Json.write(op.handle(in)));
        } catch (ClusterFailure f) {
            fail(ctx, 400, f.type(), f.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure answering {}", ctx.path(), e);
            fail(ctx, 500, "ServerException", "The server failed to answer the request; its log has the details.");
        }
    }

    private static void fail(Context ctx, int status, String type, String message) {
        ctx.header("x-amzn-ErrorType", type);
        ctx.status(status).contentType("application/json")
                .result(Json.write(Json.object().put("__type", type).put("message", message)));
    }

    private static ObjectNode list(String field, List<ObjectNode> items) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray(field);
        items.forEach(a::add);
        return o;
    }

    static String required(ObjectNode in, String field) {
        return ComputeEnvironment.required(in, field);
    }

    private static List<String> strings(ObjectNode in, String field, boolean required) {
        if (required && !in.has(field)) {
            throw ClusterFailure.client("Error executing request, Exception : " + field + " must be specified.");
        }
        return ContainerSpec.strings(in.get(field));
    }
}
