package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/** The Batch and ECS APIs through real clients: the AWS SDK for Java v2 and the AWS CLI. */
class ApisTest {
    @TempDir
    static Path dir;

    private static ClusterServer s;

    @BeforeAll
    static void start() {
        s = new ClusterServer(ClusterExtension.builder().killGrace(Duration.ofMillis(200)).logDir(dir).build());
        s.batchSetUp("ce", 2, "q", "echo", "sh", "-c", "echo hello $AWS_BATCH_JOB_ID");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** Runs the AWS CLI against the server with fake credentials; returns its JSON output. */
    private static JsonNode aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", s.endpoint(), "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("aws " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + out);
        }
        return out.isBlank() ? Json.object() : Json.parse(out);
    }

    @Test
    void the_aws_cli_submits_a_job_and_describes_it() throws Exception {
        JsonNode submitted = aws("batch", "submit-job", "--job-name", "from-cli", "--job-queue", "q",
                "--job-definition", "echo");
        String id = submitted.get("jobId").asText();
        assertThat(submitted.get("jobName").asText()).isEqualTo("from-cli");
        assertThat(submitted.get("jobArn").asText()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job/" + id);
        JsonNode job = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> aws("batch", "describe-jobs", "--jobs", id).get("jobs").get(0),
                j -> j.get("status").asText().equals("SUCCEEDED"));
        assertThat(job.get("jobQueue").asText()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-queue/q");
        assertThat(job.get("container").get("exitCode").asInt()).isZero();
        assertThat(job.get("statusReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(WorkflowsTest.http(s.endpoint() + "/conflux/cluster/jobs/" + id + "/logs"))
                .isEqualTo("hello " + id + "\n");
        JsonNode listed = aws("batch", "list-jobs", "--job-queue", "q", "--job-status", "SUCCEEDED");
        assertThat(listed.get("jobSummaryList").toString()).contains(id);
    }

    @Test
    void the_aws_cli_gets_batchs_client_exception() {
        assertThatThrownBy(() -> aws("batch", "submit-job", "--job-name", "x", "--job-queue", "nope",
                "--job-definition", "echo")).hasMessageContaining(
                "An error occurred (ClientException) when calling the SubmitJob operation: Error executing request, "
                        + "Exception : JobQueue nope does not exist.");
    }

    @Test
    void the_sdk_manages_compute_environments_queues_and_job_definitions() {
        var ce = s.batch.describeComputeEnvironments(b -> b.computeEnvironments("ce")).computeEnvironments().get(0);
        assertThat(ce.computeEnvironmentArn()).isEqualTo(
                "arn:aws:batch:us-east-1:123456789012:compute-environment/ce");
        assertThat(ce.statusAsString()).isEqualTo("VALID");
        assertThat(ce.computeResources().maxvCpus()).isEqualTo(2);
        s.batch.updateComputeEnvironment(b -> b.computeEnvironment("ce").computeResources(r -> r.maxvCpus(3)));
        assertThat(s.batch.describeComputeEnvironments(b -> b.computeEnvironments("ce")).computeEnvironments().get(0)
                .computeResources().maxvCpus()).isEqualTo(3);
        var q = s.batch.describeJobQueues(b -> b.jobQueues("q")).jobQueues().get(0);
        assertThat(q.computeEnvironmentOrder().get(0).computeEnvironment()).isEqualTo(ce.computeEnvironmentArn());
        var reg = s.batch.registerJobDefinition(b -> b.jobDefinitionName("two").type("container")
                .containerProperties(c -> c.command("true").vcpus(1).memory(64)));
        assertThat(reg.revision()).isEqualTo(1);
        assertThat(s.batch.describeJobDefinitions(b -> b.jobDefinitionName("two")).jobDefinitions().get(0)
                .containerProperties().memory()).isEqualTo(64);
        s.batch.deregisterJobDefinition(b -> b.jobDefinition(reg.jobDefinitionArn()));
        assertThat(s.batch.describeJobDefinitions(b -> b.jobDefinitions(reg.jobDefinitionArn())).jobDefinitions()
                .get(0).status()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> s.batch.createJobQueue(b -> b.jobQueueName("q").priority(1)
                .computeEnvironmentOrder(o -> o.order(1).computeEnvironment("ce"))))
                .isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> s.batch.deleteComputeEnvironment(b -> b.computeEnvironment("ce")))
                .isInstanceOf(ClientException.class).hasMessageContaining("must be DISABLED");
    }

    @Test
    void the_sdk_terminates_a_running_job_with_its_reason() {
        s.batch.registerJobDefinition(b -> b.jobDefinitionName("sleepy").type("container")
                .containerProperties(c -> c.command("sleep", "30").vcpus(1).memory(64)));
        String id = s.batch.submitJob(b -> b.jobName("sleepy").jobQueue("q").jobDefinition("sleepy")).jobId();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.batch.describeJobs(b -> b.jobs(id)).jobs()
                .get(0).status() == JobStatus.RUNNING);
        s.batch.terminateJob(b -> b.jobId(id).reason("enough"));
        var job = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.batch.describeJobs(b -> b.jobs(id))
                .jobs().get(0), j -> j.status() == JobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo("enough");
        assertThat(job.isTerminated()).isTrue();
        assertThat(job.container().exitCode()).isEqualTo(143);
    }

    @Test
    void usage_is_recorded_per_job_on_confluxs_own_endpoint() throws Exception {
        String id = s.batch.submitJob(b -> b.jobName("measured").jobQueue("q").jobDefinition("echo")).jobId();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.batch.describeJobs(b -> b.jobs(id)).jobs()
                .get(0).status() == JobStatus.SUCCEEDED);
        JsonNode usage = Json.parse(WorkflowsTest.http(s.endpoint() + "/conflux/cluster/usage?jobId=" + id));
        JsonNode u = usage.get("jobs").get(0);
        assertThat(u.get("id").asText()).isEqualTo(id);
        assertThat(u.get("pricingClass").asText()).isEqualTo("ON_DEMAND");
        assertThat(u.get("vcpus").asDouble()).isEqualTo(1.0);
        assertThat(u.get("memoryMiB").asInt()).isEqualTo(256);
        assertThat(u.get("runSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(u.get("gbSeconds").asDouble()).isEqualTo(u.get("runSeconds").asDouble() / 4, org.assertj.core.data
                .Offset.offset(1e-9));
        assertThat(u.has("queueWaitMillis")).isTrue();
        assertThat(u.has("startLatencyMillis")).isTrue();
    }

    @Test
    void the_ecs_sdk_registers_runs_describes_and_stops_tasks() {
        s.ecs.createCluster(b -> b.clusterName("work"));
        assertThat(s.ecs.describeClusters(b -> b.clusters("work", "nope")).failures().get(0).reason())
                .isEqualTo("MISSING");
        var td = s.ecs.registerTaskDefinition(b -> b.family("sleeper").containerDefinitions(c -> c.name("main")
                .image("busybox").command("sleep", "30"))).taskDefinition();
        assertThat(td.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/sleeper:1");
        var task = s.ecs.runTask(b -> b.cluster("work").taskDefinition("sleeper").launchType("FARGATE")).tasks()
                .get(0);
        assertThat(task.taskArn()).startsWith("arn:aws:ecs:us-east-1:123456789012:task/work/");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.ecs.describeTasks(b -> b.cluster("work")
                .tasks(task.taskArn())).tasks().get(0).lastStatus().equals("RUNNING"));
        s.ecs.stopTask(b -> b.cluster("work").task(task.taskArn()).reason("done here"));
        var stopped = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.ecs.describeTasks(b -> b
                .cluster("work").tasks(task.taskArn())).tasks().get(0), t -> t.lastStatus().equals("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("done here");
        assertThat(stopped.createdAt()).isNotNull();
        assertThatThrownBy(() -> s.ecs.runTask(b -> b.cluster("nowhere").taskDefinition("sleeper")))
                .isInstanceOf(ClusterNotFoundException.class);
    }
}
