package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A second real client: an activity worker written with Python's boto3 (src/test/resources/python). */
class Boto3WorkerTest {

    @TempDir
    Path dir;

    static boolean boto3Available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void a_boto3_worker_answers_the_tasks_of_an_activity() throws Exception {
        assumeTrue(boto3Available(), "python3 with boto3 is needed for this test");
        Path worker = dir.resolve("activity_worker.py");
        try (InputStream in = getClass().getResourceAsStream("/python/activity_worker.py")) {
            Files.copy(in, worker, StandardCopyOption.REPLACE_EXISTING);
        }
        try (TestServer t = TestServer.start()) {
            String activity = t.sfn.createActivity(b -> b.name("python-work")).activityArn();
            String sm = t.create("python-driven", """
                    {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","HeartbeatSeconds":30,
                      "End":true}}}""".formatted(activity));
            List<String> executions = new ArrayList<>();
            for (String input : List.of("{\"n\":1}", "{\"n\":2}", "{\"fail\":true}")) {
                executions.add(t.sfn.startExecution(b -> b.stateMachineArn(sm).input(input)).executionArn());
            }
            Process p = new ProcessBuilder("python3", worker.toString(), t.server.endpoint(), activity, "3")
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the worker finishes").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("answered 3");

            List<DescribeExecutionResponse> ends = executions.stream().map(t::awaitEnd).toList();
            assertThat(ends.get(0).output()).isEqualTo("{\"doubled\":2}");
            assertThat(ends.get(1).output()).isEqualTo("{\"doubled\":4}");
            assertThat(ends.get(2).status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ends.get(2).error()).isEqualTo("Worker.Refused");
            var started = t.sfn.getExecutionHistory(b -> b.executionArn(executions.get(0))).events().stream()
                    .filter(e -> e.activityStartedEventDetails() != null).findFirst().orElseThrow();
            assertThat(started.activityStartedEventDetails().workerName()).isEqualTo("boto3-worker");
        }
    }
}
