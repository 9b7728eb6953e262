package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.runtime.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The scheduler and the scaler stepped by hand on a manual clock, with an executor the test drives. */
class SchedulerTest {
    private final ManualClock clock = new ManualClock();
    private final FakeExecutor executor = new FakeExecutor();
    private final Arns arns = new Arns("us-east-1", "123456789012");
    private MemoryStore store = new MemoryStore();
    private Batch batch = newBatch();

    private Batch newBatch() {
        return new Batch(clock, new BatchResources(arns, store), store, spec -> executor, "node-1");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void environment(String name, int min, int max, int idleSeconds) {
        batch.createComputeEnvironment(json("""
                {"computeEnvironmentName":"%s","type":"MANAGED","computeResources":{"type":"EC2","minvCpus":%d,
                 "maxvCpus":%d,"subnets":[]},"tags":{"conflux:idleSeconds":"%d"}}""".formatted(name, min, max,
                idleSeconds)));
    }

    private void queue(String name, int priority, String... ces) {
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < ces.length; i++) {
            order.append(i == 0 ? "" : ",").append("{\"order\":").append(i + 1).append(",\"computeEnvironment\":\"")
                    .append(ces[i]).append("\"}");
        }
        batch.createJobQueue(json("{\"jobQueueName\":\"" + name + "\",\"priority\":" + priority
                + ",\"computeEnvironmentOrder\":[" + order + "]}"));
    }

    private void definition(String name, String extra) {
        batch.registerJobDefinition(json("{\"jobDefinitionName\":\"" + name + "\",\"type\":\"container\","
                + "\"containerProperties\":{\"command\":[\"true\"],\"vcpus\":1,\"memory\":128}" + extra + "}"),
                false);
    }

    private String submit(String queue, String def, String extra) {
        return batch.submit(json("{\"jobName\":\"j\",\"jobQueue\":\"" + queue + "\",\"jobDefinition\":\"" + def
                + "\"" + extra + "}"), null).get("jobId").asText();
    }

    private JsonNode job(String id) {
        return batch.describeJobs(List.of(id)).get(0);
    }

    private String status(String id) {
        return job(id).get("status").asText();
    }

    @Test
    void capacity_grows_from_zero_to_the_maximum_and_never_runs_more_than_it_has() {
        environment("ce", 0, 4, 60);
        queue("q", 1, "ce");
        definition("d", "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(submit("q", "d", ""));
        }
        assertThat(batch.capacityView("ce").desiredvCpus()).isZero();
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(4);
        assertThat(executor.running()).hasSize(4);
        assertThat(ids.stream().map(this::status).filter("RUNNING"::equals)).hasSize(4);
        assertThat(ids.stream().map(this::status).filter("RUNNABLE"::equals)).hasSize(6);
        while (!executor.running().isEmpty()) {
            for (String run : executor.running()) {
                executor.exit(run, 0);
            }
            batch.tick();
            assertThat(executor.running().size()).isLessThanOrEqualTo(4);
        }
        assertThat(ids).allMatch(id -> status(id).equals("SUCCEEDED"));
        assertThat(batch.capacityView("ce").peakRunningJobs()).isEqualTo(4);
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(59));
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(1));
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isZero();
    }

    @Test
    void capacity_shrinks_to_what_running_jobs_hold_and_never_below_the_minimum() {
        environment("ce", 1, 8, 10);
        queue("q", 1, "ce");
        definition("d", "");
        String a = submit("q", "d", "");
        submit("q", "d", "");
        submit("q", "d", "");
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(3);
        List<String> runs = executor.running();
        executor.exit(runs.get(1), 0);
        executor.exit(runs.get(2), 0);
        clock.advance(Duration.ofSeconds(10));
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(1);
        executor.exit(runs.get(0), 0);
        clock.advance(Duration.ofSeconds(10));
        batch.tick();
        assertThat(batch.capacityView("ce").desiredvCpus()).isEqualTo(1);
        assertThat(status(a)).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_higher_priority_queue_goes_first_and_a_full_environment_spills_to_the_next() {
        environment("small", 0, 1, 60);
        environment("big", 0, 2, 60);
        queue("low", 1, "small");
        queue("high", 10, "small", "big");
        definition("d", "");
        String low = submit("low", "d", "");
        String high1 = submit("high", "d", "");
        String high2 = submit("high", "d", "");
        batch.tick();
        assertThat(status(high1)).isEqualTo("RUNNING");
        assertThat(status(high2)).isEqualTo("RUNNING");
        assertThat(status(low)).isEqualTo("RUNNABLE");
        assertThat(batch.capacityView("small").desiredvCpus()).isEqualTo(1);
        assertThat(batch.capacityView("big").desiredvCpus()).isEqualTo(1);
    }

    @Test
    void a_disabled_queue_keeps_its_jobs_waiting() {
        environment("ce", 0, 2, 60);
        batch.createJobQueue(json("""
                {"jobQueueName":"q","priority":1,"state":"DISABLED",
                 "computeEnvironmentOrder":[{"order":1,"computeEnvironment":"ce"}]}"""));
        definition("d", "");
        String id = submit("q", "d", "");
        batch.tick();
        assertThat(status(id)).isEqualTo("RUNNABLE");
        batch.updateJobQueue(json("{\"jobQueue\":\"q\",\"state\":\"ENABLED\"}"));
        batch.tick();
        assertThat(status(id)).isEqualTo("RUNNING");
    }

    @Test
    void an_environment_whose_executor_cannot_run_is_invalid_and_its_jobs_wait_in_runnable() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", "");
        executor.unavailable = "No Docker engine is reachable: the 'docker' command is not on the PATH";
        String id = submit("q", "d", "");
        batch.tick();
        assertThat(status(id)).isEqualTo("RUNNABLE");
        JsonNode ce = batch.describeComputeEnvironments(List.of("ce")).get(0);
        assertThat(ce.get("status").asText()).isEqualTo("INVALID");
        assertThat(ce.get("statusReason").asText()).isEqualTo(executor.unavailable);
    }

    @Test
    void a_failed_attempt_is_retried_by_the_retry_strategy_then_the_job_fails_with_batchs_reason() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", ",\"retryStrategy\":{\"attempts\":3}");
        String id = submit("q", "d", "");
        for (int attempt = 1; attempt <= 3; attempt++) {
            batch.tick();
            assertThat(status(id)).isEqualTo("RUNNING");
            executor.exit(id + "-" + attempt, 3);
        }
        batch.tick();
        JsonNode job = job(id);
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("statusReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(job.get("attempts")).hasSize(3);
        assertThat(job.get("attempts").get(2).get("container").get("exitCode").asInt()).isEqualTo(3);
        assertThat(job.get("container").get("exitCode").asInt()).isEqualTo(3);
        assertThat(executor.launches.get(id + "-2").environment()).containsEntry("AWS_BATCH_JOB_ATTEMPT", "2");
    }

    @Test
    void evaluate_on_exit_ends_a_job_on_an_exit_code_that_says_retrying_is_pointless() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", ",\"retryStrategy\":{\"attempts\":5,\"evaluateOnExit\":[{\"onExitCode\":\"2*\","
                + "\"action\":\"EXIT\"},{\"onExitCode\":\"*\",\"action\":\"RETRY\"}]}");
        String id = submit("q", "d", "");
        batch.tick();
        executor.exit(id + "-1", 1);
        batch.tick();
        assertThat(status(id)).isEqualTo("RUNNING");
        executor.exit(id + "-2", 21);
        batch.tick();
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(job(id).get("attempts")).hasSize(2);
    }

    @Test
    void a_job_over_its_timeout_is_stopped_and_reported_as_batch_reports_it_without_a_retry() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", ",\"retryStrategy\":{\"attempts\":3},\"timeout\":{\"attemptDurationSeconds\":60}");
        String id = submit("q", "d", "");
        batch.tick();
        clock.advance(Duration.ofSeconds(59));
        batch.tick();
        assertThat(executor.stopped).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        batch.tick();
        assertThat(executor.stopped).containsExactly(id + "-1");
        executor.exit(id + "-1", 137);
        batch.tick();
        JsonNode job = job(id);
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("statusReason").asText()).isEqualTo("Job attempt duration exceeded timeout");
        assertThat(job.get("attempts")).hasSize(1);
        assertThat(job.get("attempts").get(0).get("statusReason").asText())
                .isEqualTo("Job attempt duration exceeded timeout");
        assertThat(job.get("stoppedAt").asLong() - job.get("startedAt").asLong()).isEqualTo(60_000);
    }

    @Test
    void a_job_waits_in_pending_for_its_dependencies_and_fails_when_one_fails() {
        environment("ce", 0, 4, 60);
        queue("q", 1, "ce");
        definition("d", "");
        String first = submit("q", "d", "");
        String second = submit("q", "d", ",\"dependsOn\":[{\"jobId\":\"" + first + "\"}]");
        String third = submit("q", "d", ",\"dependsOn\":[{\"jobId\":\"" + second + "\"}]");
        batch.tick();
        assertThat(status(second)).isEqualTo("PENDING");
        executor.exit(first + "-1", 0);
        batch.tick();
        assertThat(status(second)).isEqualTo("RUNNING");
        executor.exit(second + "-1", 1);
        batch.tick();
        assertThat(status(third)).isEqualTo("FAILED");
        assertThat(job(third).get("statusReason").asText()).isEqualTo("Dependent Job failed");
    }

    @Test
    void an_array_job_runs_one_child_per_index_and_sums_up_their_states() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", "");
        String parent = submit("q", "d", ",\"arrayProperties\":{\"size\":3}");
        batch.tick();
        assertThat(executor.launches.get(parent + ":0-1").environment())
                .containsEntry("AWS_BATCH_JOB_ARRAY_INDEX", "0");
        assertThat(executor.launches.get(parent + ":1-1").environment())
                .containsEntry("AWS_BATCH_JOB_ARRAY_INDEX", "1");
        JsonNode p = job(parent);
        assertThat(p.get("status").asText()).isEqualTo("PENDING");
        assertThat(p.get("arrayProperties").get("size").asInt()).isEqualTo(3);
        assertThat(p.get("arrayProperties").get("statusSummary").get("RUNNING").asInt()).isEqualTo(2);
        assertThat(p.get("arrayProperties").get("statusSummary").get("RUNNABLE").asInt()).isEqualTo(1);
        assertThat(job(parent + ":2").get("arrayProperties").get("index").asInt()).isEqualTo(2);
        executor.exit(parent + ":0-1", 0);
        executor.exit(parent + ":1-1", 0);
        batch.tick();
        executor.exit(parent + ":2-1", 5);
        batch.tick();
        assertThat(status(parent)).isEqualTo("FAILED");
        assertThat(job(parent).get("statusReason").asText()).isEqualTo("Array Child Job failed");
        assertThat(batch.listJobs(json("{\"arrayJobId\":\"" + parent + "\",\"jobStatus\":\"SUCCEEDED\"}"))
                .get("jobSummaryList")).hasSize(2);
    }

    @Test
    void a_sequential_array_job_runs_its_children_one_after_the_other() {
        environment("ce", 0, 4, 60);
        queue("q", 1, "ce");
        definition("d", "");
        String parent = submit("q", "d", ",\"arrayProperties\":{\"size\":3},\"dependsOn\":[{\"type\":\"SEQUENTIAL\"}]");
        batch.tick();
        assertThat(executor.running()).containsExactly(parent + ":0-1");
        executor.exit(parent + ":0-1", 0);
        batch.tick();
        assertThat(executor.running()).containsExactly(parent + ":1-1");
    }

    @Test
    void terminate_stops_a_running_job_and_cancel_ends_a_waiting_one_with_the_reason_given() {
        environment("ce", 0, 1, 60);
        queue("q", 1, "ce");
        definition("d", ",\"retryStrategy\":{\"attempts\":3}");
        String running = submit("q", "d", "");
        String waiting = submit("q", "d", "");
        batch.tick();
        batch.cancel(running, "not this one");
        assertThat(status(running)).isEqualTo("RUNNING");
        batch.cancel(waiting, "changed my mind");
        assertThat(job(waiting).get("statusReason").asText()).isEqualTo("changed my mind");
        assertThat(job(waiting).get("isCancelled").asBoolean()).isTrue();
        batch.terminate(running, "stop it");
        assertThat(executor.stopped).containsExactly(running + "-1");
        executor.exit(running + "-1", 143);
        batch.tick();
        assertThat(status(running)).isEqualTo("FAILED");
        assertThat(job(running).get("statusReason").asText()).isEqualTo("stop it");
        assertThat(job(running).get("isTerminated").asBoolean()).isTrue();
        assertThat(job(running).get("attempts")).hasSize(1);
    }

    @Test
    void a_job_running_when_the_server_died_fails_with_its_host_and_its_retry_strategy_runs_it_again() {
        environment("ce", 0, 2, 60);
        queue("q", 1, "ce");
        definition("d", ",\"retryStrategy\":{\"attempts\":2}");
        String id = submit("q", "d", "");
        batch.tick();
        assertThat(status(id)).isEqualTo("RUNNING");
        // The server dies; a new one reads the store. Local runs do not survive (reattach answers null).
        batch = newBatch();
        batch.recover();
        JsonNode job = job(id);
        assertThat(job.get("status").asText()).isEqualTo("RUNNABLE");
        assertThat(job.get("attempts").get(0).get("statusReason").asText())
                .isEqualTo("Host EC2 (instance node-1) terminated.");
        batch.tick();
        executor.exit(id + "-2", 0);
        batch.tick();
        assertThat(status(id)).isEqualTo("SUCCEEDED");
        AtomicReference<JsonNode> done = new AtomicReference<>();
        batch.whenDone(id, done::set);
        assertThat(done.get().get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void submit_names_what_is_missing_as_batch_does() {
        environment("ce", 0, 1, 60);
        queue("q", 1, "ce");
        definition("d", "");
        assertThatThrownBy(() -> submit("nope", "d", "")).isInstanceOf(ClusterFailure.class)
                .hasMessageContaining("JobQueue nope does not exist");
        assertThatThrownBy(() -> submit("q", "nope", "")).hasMessageContaining("Job definition nope");
        assertThatThrownBy(() -> batch.submit(json("{\"jobName\":\"bad name\",\"jobQueue\":\"q\","
                + "\"jobDefinition\":\"d\"}"), null)).hasMessageContaining("Job name should match valid pattern");
        batch.registerJobDefinition(json("{\"jobDefinitionName\":\"ref\",\"type\":\"container\","
                + "\"containerProperties\":{\"command\":[\"echo\",\"Ref::who\"]}}"), false);
        assertThatThrownBy(() -> submit("q", "ref", "")).hasMessage(
                "Unable to substitute value. No parameter found for reference who");
        String id = submit("q", "ref", ",\"parameters\":{\"who\":\"world\"}");
        assertThat(job(id).get("container").get("command").toString()).isEqualTo("[\"echo\",\"world\"]");
    }

    @Test
    void job_definitions_resolve_by_name_revision_or_arn() {
        definition("d", "");
        definition("d", ",\"timeout\":{\"attemptDurationSeconds\":100}");
        BatchResources r = new BatchResources(arns, store);
        assertThat(r.definition("d").revision()).isEqualTo(2);
        assertThat(r.definition("d:1").revision()).isEqualTo(1);
        assertThat(r.definition("arn:aws:batch:us-east-1:123456789012:job-definition/d:1").revision()).isEqualTo(1);
        batch.deregisterJobDefinition("d:2");
        assertThat(batch.describeJobDefinitions(json("{\"jobDefinitionName\":\"d\",\"status\":\"ACTIVE\"}")))
                .hasSize(1);
    }
}
