package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task states on the cluster: {@code arn:aws:states:::batch:submitJob} and {@code arn:aws:states:::ecs:runTask}, each
 * request-response, {@code .sync} or {@code .waitForTaskToken}. Parameters are Step Functions' PascalCase versions of
 * SubmitJob and RunTask. Request-response answers with the service's response; {@code .sync} waits for the job to end
 * (or the task to stop) and answers with its DescribeJobs job (DescribeTasks task); a job that fails, or a task whose
 * essential container does not exit with 0, fails the state with States.TaskFailed and that description as the cause.
 * A submission the service refuses fails the state with the service's error, e.g. {@code Batch.ClientException}.
 *
 * <p>A {@code .sync} job carries its task token, so after a restart the node finds the job again rather than
 * submitting another; and a Task state that is cancelled (timed out, execution stopped) terminates its job.
 */
final class ClusterNode implements ProcessingNode {
    private static final String BATCH = "batch:submitJob";
    private static final String ECS = "ecs:runTask";
    /** Step Functions marks the jobs it submits so; AWS's DescribeJobs shows it among the environment. */
    private static final String MANAGED_BY = "MANAGED_BY_AWS";
    private static final String STARTED_BY_SFN = "STARTED_BY_STEP_FUNCTIONS";

    private final Batch batch;
    private final Ecs ecs;
    /** What each waiting {@code .sync} task runs, by token, so a cancelled task stops it. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    ClusterNode(Batch batch, Ecs ecs) {
        this.batch = batch;
        this.ecs = ecs;
    }

    private static String action(String resource) {
        if (!resource.startsWith("arn:")) {
            return null;
        }
        int at = resource.indexOf(":states:::");
        if (at < 0 || resource.indexOf(':', 4) != at) {
            return null;
        }
        String rest = resource.substring(at + ":states:::".length());
        String suffix = IntegrationPattern.of(resource).suffix();
        if (!rest.endsWith(suffix)) {
            return null;
        }
        String base = rest.substring(0, rest.length() - suffix.length());
        if (IntegrationPattern.of(resource) == IntegrationPattern.RUN_JOB_2) {
            return null;
        }
        return base.equals(BATCH) || base.equals(ECS) ? base : null;
    }

    @Override
    public boolean handles(String resource) {
        return action(resource) != null;
    }

    @Override
    public void start(TaskRequest r, TaskCallback callback) {
        if (!r.input().isObject()) {
            callback.failed(ErrorNames.TASK_FAILED, "Expected the Parameters of " + r.resource() + " to be an object");
            return;
        }
        if (BATCH.equals(action(r.resource()))) {
            submitJob(r, callback);
        } else {
            runTask(r, callback);
        }
    }

    private void submitJob(TaskRequest r, TaskCallback callback) {
        ObjectNode params = Casing.camel((ObjectNode) r.input());
        boolean sync = r.pattern() == IntegrationPattern.RUN_JOB;
        if (sync) {
            ObjectNode overrides = params.get("containerOverrides") instanceof ObjectNode o ? o
                    : params.putObject("containerOverrides");
            ArrayNode env = overrides.get("environment") instanceof ArrayNode a ? a : overrides.putArray("environment");
            env.addObject().put("name", MANAGED_BY).put("value", STARTED_BY_SFN);
        }
        ObjectNode response;
        try {
            response = batch.submit(params, sync ? r.taskToken() : null);
        } catch (ClusterFailure f) {
            callback.failed("Batch." + f.type(), f.getMessage() + " (Service: AWSBatch; Status Code: 400; Error Code: "
                    + f.type() + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
            return;
        }
        callback.started(null);
        switch (r.pattern()) {
            case REQUEST_RESPONSE -> callback.succeeded(withMetadata(Casing.pascal(response)));
            case WAIT_FOR_TASK_TOKEN -> callback.submitted(Casing.pascal(response));
            case RUN_JOB, RUN_JOB_2 -> {
                callback.submitted(Casing.pascal(response));
                follow(r.taskToken(), response.get("jobId").asText(), callback);
            }
        }
    }

    private void follow(String token, String jobId, TaskCallback callback) {
        running.put(token, "job:" + jobId);
        batch.whenDone(jobId, detail -> {
            running.remove(token);
            ObjectNode out = Casing.pascal(detail);
            if ("SUCCEEDED".equals(detail.path("status").asText())) {
                callback.succeeded(out);
            } else {
                callback.failed(ErrorNames.TASK_FAILED, Json.write(out));
            }
        });
    }

    private void runTask(TaskRequest r, TaskCallback callback) {
        ObjectNode params = Casing.camel((ObjectNode) r.input());
        boolean sync = r.pattern() == IntegrationPattern.RUN_JOB;
        ObjectNode response;
        try {
            response = ecs.runTask(params, true, sync ? r.taskToken() : null, "AWS Step Functions");
        } catch (ClusterFailure f) {
            callback.failed("ECS." + f.type(), f.getMessage() + " (Service: AmazonECS; Status Code: 400; Error Code: "
                    + f.type() + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
            return;
        }
        callback.started(null);
        ObjectNode pascal = Casing.pascal(response);
        switch (r.pattern()) {
            case REQUEST_RESPONSE -> callback.succeeded(withMetadata(pascal));
            case WAIT_FOR_TASK_TOKEN -> callback.submitted(pascal);
            case RUN_JOB, RUN_JOB_2 -> {
                callback.submitted(pascal);
                followTask(r.taskToken(), response.get("tasks").get(0).get("taskArn").asText(), callback);
            }
        }
    }

    private void followTask(String token, String taskArn, TaskCallback callback) {
        running.put(token, "task:" + taskArn);
        ecs.whenStopped(taskArn, t -> {
            running.remove(token);
            ObjectNode out = Casing.pascal(t.toJson(true));
            if (t.succeeded()) {
                callback.succeeded(out);
            } else {
                callback.failed(ErrorNames.TASK_FAILED, Json.write(out));
            }
        });
    }

    /** The HTTP metadata Step Functions adds to a request-response integration's answer. */
    private static ObjectNode withMetadata(ObjectNode response) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode meta = response.putObject("SdkHttpMetadata");
        ObjectNode all = meta.putObject("AllHttpHeaders");
        all.putArray("Content-Type").add("application/json");
        all.putArray("x-amzn-RequestId").add(requestId);
        meta.putObject("HttpHeaders").put("Content-Type", "application/json").put("x-amzn-RequestId", requestId);
        meta.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return response;
    }

    /** A cancelled {@code .sync} task (timed out, its execution stopped) stops what it ran, as Step Functions does. */
    @Override
    public void cancel(String taskToken) {
        String what = running.remove(taskToken);
        if (what == null) {
            return;
        }
        if (what.startsWith("job:")) {
            try {
                batch.terminate(what.substring(4), "Terminated by AWS Step Functions");
            } catch (ClusterFailure ignored) {
                // gone already
            }
        } else {
            EcsTask t = ecs.task(what.substring(5));
            if (t != null) {
                ecs.stop(t, "Stopped by AWS Step Functions");
            }
        }
    }

    /**
     * After a restart: a {@code .sync} task whose job (or ECS task) exists waits for it again; its fate is known once
     * the job ends (a job that was running on a local process has failed with its host and may be retried by its retry
     * strategy). A task whose submission never happened submits now.
     */
    @Override
    public void resume(TaskRequest r, boolean started, TaskCallback callback) {
        if (r.pattern() == IntegrationPattern.RUN_JOB) {
            if (BATCH.equals(action(r.resource()))) {
                String jobId = batch.jobForToken(r.taskToken());
                if (jobId != null) {
                    follow(r.taskToken(), jobId, callback);
                    return;
                }
            } else {
                EcsTask t = ecs.taskForToken(r.taskToken());
                if (t != null) {
                    followTask(r.taskToken(), t.arn, callback);
                    return;
                }
            }
        }
        if (!started) {
            start(r, callback);
        }
    }
}
