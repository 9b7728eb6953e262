package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.runtime.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Workflows that reach the cluster with {@code .sync}, end to end: the server, the engine, the scheduler and local
 * processes. Real time for the jobs (they are short); the cluster's clock is manual, so idle delays and timeouts pass
 * when the test says.
 */
class WorkflowsTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private ClusterServer s;

    private ClusterServer start() {
        s = new ClusterServer(ClusterExtension.builder().clock(clock).killGrace(Duration.ofMillis(500))
                .logDir(dir.resolve("logs")).build());
        return s;
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void a_map_of_20_sync_jobs_scales_a_compute_environment_from_zero_to_4_vcpus_and_back() throws Exception {
        start();
        Path trace = dir.resolve("trace");
        s.batchSetUp("ce", 4, "q", "work", "sh", "-c",
                "echo start >> " + trace + "; sleep 0.3; echo end >> " + trace);
        String sm = s.createStateMachine("fan", """
                {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
                  "Iterator":{"StartAt":"Job","States":{"Job":{"Type":"Task",
                    "Resource":"arn:aws:states:::batch:submitJob.sync",
                    "Parameters":{"JobName.$":"States.Format('item-{}', $)","JobQueue":"q","JobDefinition":"work"},
                    "ResultSelector":{"Status.$":"$.Status","ExitCode.$":"$.Container.ExitCode"},
                    "End":true}}}}}}""");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        assertThat(s.cluster.capacity("ce").desiredvCpus()).isZero();
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{\"items\":[" + items + "]}"), Duration.ofSeconds(60));

        assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(end.output());
        assertThat(out).hasSize(20);
        out.forEach(r -> assertThat(r.toString()).isEqualTo("{\"Status\":\"SUCCEEDED\",\"ExitCode\":0}"));
        Capacity.View cap = s.cluster.capacity("ce");
        assertThat(cap.peakDesiredvCpus()).isEqualTo(4);
        assertThat(cap.peakRunningJobs()).isEqualTo(4);
        // What the processes themselves saw: never more than 4 at once.
        int running = 0;
        int peak = 0;
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines).hasSize(40);
        for (String line : lines) {
            running += line.equals("start") ? 1 : -1;
            peak = Math.max(peak, running);
        }
        assertThat(peak).isBetween(1, 4);
        assertThat(s.batch.listJobs(b -> b.jobQueue("q").jobStatus(JobStatus.SUCCEEDED)).jobSummaryList())
                .hasSize(20);
        assertThat(s.cluster.capacity("ce").desiredvCpus()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(60));
        s.cluster.tick();
        assertThat(s.cluster.capacity("ce").desiredvCpus()).isZero();
        assertThat(s.batch.describeComputeEnvironments(b -> b.computeEnvironments("ce")).computeEnvironments()
                .get(0).computeResources().desiredvCpus()).isZero();
    }

    @Test
    void a_failing_job_is_retried_by_its_retry_strategy_then_by_the_states_retry() throws Exception {
        start();
        s.batchSetUp("ce", 2, "q", "flaky", "sh", "-c", "echo trying; exit 3");
        s.batch.registerJobDefinition(b -> b.jobDefinitionName("flaky").type("container")
                .containerProperties(c -> c.command("sh", "-c", "echo trying; exit 3").vcpus(1).memory(128))
                .retryStrategy(r -> r.attempts(2)));
        String sm = s.createStateMachine("retry", """
                {"StartAt":"Job","States":{
                  "Job":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync",
                    "Parameters":{"JobName":"flaky","JobQueue":"q","JobDefinition":"flaky"},
                    "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":1}],
                    "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}],"End":true},
                  "Failed":{"Type":"Pass","End":true}}}""");
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(30));

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(end.output());
        assertThat(out.get("Error").asText()).isEqualTo("States.TaskFailed");
        JsonNode cause = json(out.get("Cause").asText());
        assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.get("StatusReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(cause.get("Attempts")).hasSize(2);
        assertThat(cause.get("Attempts").get(1).get("Container").get("ExitCode").asInt()).isEqualTo(3);
        assertThat(cause.get("JobDefinition").asText())
                .isEqualTo("arn:aws:batch:us-east-1:123456789012:job-definition/flaky:2");
        var failed = s.batch.listJobs(b -> b.jobQueue("q").jobStatus(JobStatus.FAILED)).jobSummaryList();
        assertThat(failed).hasSize(2); // the state's Retry submitted a second job
        for (var j : failed) {
            assertThat(s.batch.describeJobs(b -> b.jobs(j.jobId())).jobs().get(0).attempts()).hasSize(2);
        }
        String logs = Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> http(s.endpoint()
                + "/conflux/cluster/jobs/" + failed.get(0).jobId() + "/logs"), l -> l != null);
        assertThat(logs).isEqualTo("trying\n");
    }

    @Test
    void a_job_over_its_timeout_is_killed_and_the_state_fails_as_batch_reports_it() throws Exception {
        start();
        s.batchSetUp("ce", 2, "q", "slow", "sleep", "30");
        s.batch.registerJobDefinition(b -> b.jobDefinitionName("slow").type("container")
                .containerProperties(c -> c.command("sleep", "30").vcpus(1).memory(128))
                .retryStrategy(r -> r.attempts(3)).timeout(t -> t.attemptDurationSeconds(60)));
        String sm = s.createStateMachine("timeout", """
                {"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync",
                  "Parameters":{"JobName":"slow","JobQueue":"q","JobDefinition":"slow"},"End":true}}}""");
        String exec = s.start(sm, "{}");
        String jobId = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.batch.listJobs(b -> b
                .jobQueue("q").jobStatus(JobStatus.RUNNING)).jobSummaryList(), l -> !l.isEmpty()).get(0).jobId();
        clock.advance(Duration.ofSeconds(60));
        s.cluster.tick();
        DescribeExecutionResponse end = s.awaitEnd(exec, Duration.ofSeconds(10));

        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = json(end.cause());
        assertThat(cause.get("StatusReason").asText()).isEqualTo("Job attempt duration exceeded timeout");
        assertThat(cause.get("Attempts")).hasSize(1); // a timed-out job is not retried
        assertThat(cause.get("Container").get("ExitCode").asInt()).isEqualTo(143); // SIGTERM
        var job = s.batch.describeJobs(b -> b.jobs(jobId)).jobs().get(0);
        assertThat(job.statusReason()).isEqualTo("Job attempt duration exceeded timeout");
        assertThat(job.timeout().attemptDurationSeconds()).isEqualTo(60);
    }

    /** The seed demo's shape: prepare, a Batch job (or an ECS task), two lambdas in parallel, then a summary. */
    private static final String SEED = """
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:prepare",
                "ResultPath":"$.prepared","Next":"Crunch"},
              "Crunch":{"Type":"Task","Resource":"%s","Parameters":%s,"ResultPath":"$.job","Next":"Both"},
              "Both":{"Type":"Parallel","ResultPath":"$.both","Next":"Summarise","Branches":[
                {"StartAt":"Left","States":{"Left":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:left","End":true}}},
                {"StartAt":"Right","States":{"Right":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:right","End":true}}}]},
              "Summarise":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:summarise",
                "End":true}}}""";

    private void seedLambdas() {
        s.lambdas.register("prepare", (in, r) -> Json.object().put("file", "input.csv"))
                .register("left", (in, r) -> IntNode.valueOf(1))
                .register("right", (in, r) -> IntNode.valueOf(2))
                .register("summarise", (in, r) -> Json.object()
                        .put("sum", in.get("both").get(0).asInt() + in.get("both").get(1).asInt())
                        .put("job", in.get("job").path("Status").asText(in.get("job").path("LastStatus").asText()))
                        .put("exit", in.get("job").has("Container")
                                ? in.get("job").get("Container").get("ExitCode").asInt()
                                : in.get("job").get("Containers").get(0).get("ExitCode").asInt()));
    }

    @Test
    void the_seed_demo_runs_with_a_batch_job() throws Exception {
        start();
        seedLambdas();
        s.batchSetUp("ce", 2, "demo-queue", "crunch", "sh", "-c", "exit 9");
        String params = """
                {"JobName":"crunch","JobDefinition":"arn:aws:batch:us-east-1:123456789012:job-definition/crunch:1",
                 "JobQueue":"arn:aws:batch:us-east-1:123456789012:job-queue/demo-queue",
                 "ContainerOverrides":{"Command.$":"States.Array('sh','-c',States.Format('echo {}', $.prepared.file))"}}""";
        String sm = s.createStateMachine("seed-batch", SEED.formatted("arn:aws:states:::batch:submitJob.sync",
                params));
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(20));

        assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(end.output()).toString()).isEqualTo("{\"sum\":3,\"job\":\"SUCCEEDED\",\"exit\":0}");
        var history = s.sfn.getExecutionHistory(b -> b.executionArn(end.executionArn())).events();
        var succeeded = history.stream().filter(e -> e.taskSucceededEventDetails() != null).findFirst().orElseThrow();
        assertThat(succeeded.taskSucceededEventDetails().resourceType()).isEqualTo("batch");
        assertThat(succeeded.taskSucceededEventDetails().resource()).isEqualTo("submitJob.sync");
        JsonNode job = json(succeeded.taskSucceededEventDetails().output());
        assertThat(job.get("Container").get("Command").toString()).isEqualTo("[\"sh\",\"-c\",\"echo input.csv\"]");
        assertThat(job.get("Container").get("Environment").toString())
                .contains("{\"Name\":\"MANAGED_BY_AWS\",\"Value\":\"STARTED_BY_STEP_FUNCTIONS\"}");
        assertThat(job.get("StatusReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(job.get("JobQueue").asText()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-queue/demo-queue");
        assertThat(job.get("CreatedAt").isIntegralNumber()).isTrue();
    }

    @Test
    void the_seed_demo_runs_with_an_ecs_task() throws Exception {
        start();
        seedLambdas();
        s.ecs.registerTaskDefinition(b -> b.family("crunch").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc")
                .containerDefinitions(c -> c.name("app").image("busybox").command("sh", "-c", "exit 7")));
        String params = """
                {"Cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/demo","TaskDefinition":"crunch",
                 "LaunchType":"FARGATE",
                 "NetworkConfiguration":{"AwsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}},
                 "Overrides":{"ContainerOverrides":[{"Name":"app","Cpu":256,"Memory":512,
                   "Command.$":"States.Array('sh','-c',States.Format('echo {}', $.prepared.file))"}]}}""";
        String sm = s.createStateMachine("seed-ecs", SEED.formatted("arn:aws:states:::ecs:runTask.sync", params));
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(20));

        assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(end.output()).toString()).isEqualTo("{\"sum\":3,\"job\":\"STOPPED\",\"exit\":0}");
        var history = s.sfn.getExecutionHistory(b -> b.executionArn(end.executionArn())).events();
        JsonNode task = json(history.stream().filter(e -> e.taskSucceededEventDetails() != null).findFirst()
                .orElseThrow().taskSucceededEventDetails().output());
        assertThat(task.get("StopCode").asText()).isEqualTo("EssentialContainerExited");
        assertThat(task.get("StoppedReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(task.get("ClusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/demo");
        assertThat(task.get("Group").asText()).isEqualTo("family:crunch");
        assertThat(task.get("Overrides").get("ContainerOverrides").get(0).get("Command").toString())
                .isEqualTo("[\"sh\",\"-c\",\"echo input.csv\"]");
        assertThat(task.get("StartedBy").asText()).isEqualTo("AWS Step Functions");
    }

    @Test
    void an_ecs_task_whose_container_fails_fails_the_state_with_the_task_as_cause() throws Exception {
        start();
        s.ecs.registerTaskDefinition(b -> b.family("bad").containerDefinitions(c -> c.name("app").image("busybox")
                .command("sh", "-c", "exit 4")));
        String sm = s.createStateMachine("ecs-fail", """
                {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
                  "Parameters":{"TaskDefinition":"bad"},"End":true}}}""");
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(20));
        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("States.TaskFailed");
        assertThat(json(end.cause()).get("Containers").get(0).get("ExitCode").asInt()).isEqualTo(4);
    }

    @Test
    void a_submission_batch_refuses_fails_the_state_with_batchs_error() throws Exception {
        start();
        String sm = s.createStateMachine("refused", """
                {"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob",
                  "Parameters":{"JobName":"x","JobQueue":"missing","JobDefinition":"missing"},"End":true}}}""");
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(10));
        assertThat(end.error()).isEqualTo("Batch.ClientException");
        assertThat(end.cause()).startsWith("Error executing request, Exception : JobQueue missing does not exist. "
                + "(Service: AWSBatch; Status Code: 400; Error Code: ClientException; Request ID: ");
    }

    @Test
    void a_job_reached_with_wait_for_task_token_answers_with_the_token_through_the_aws_cli() throws Exception {
        start();
        s.batchSetUp("ce", 2, "q", "callback", "sh", "-c",
                "aws stepfunctions send-task-success --endpoint-url $ENDPOINT --task-token \"$TOKEN\" "
                        + "--task-output '{\"done\":true}'");
        String sm = s.createStateMachine("callback", """
                {"StartAt":"Job","States":{"Job":{"Type":"Task",
                  "Resource":"arn:aws:states:::batch:submitJob.waitForTaskToken",
                  "Parameters":{"JobName":"callback","JobQueue":"q","JobDefinition":"callback",
                    "ContainerOverrides":{"Environment":[{"Name":"TOKEN","Value.$":"$$.Task.Token"},
                      {"Name":"ENDPOINT","Value":"%s"},{"Name":"AWS_ACCESS_KEY_ID","Value":"test"},
                      {"Name":"AWS_SECRET_ACCESS_KEY","Value":"test"},{"Name":"AWS_DEFAULT_REGION","Value":"us-east-1"}]}},
                  "End":true}}}""".formatted(s.endpoint()));
        DescribeExecutionResponse end = s.awaitEnd(s.start(sm, "{}"), Duration.ofSeconds(30));
        assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(end.output()).isEqualTo("{\"done\":true}");
    }

    static String http(String url) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
    }
}
