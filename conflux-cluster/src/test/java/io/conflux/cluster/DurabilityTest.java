package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.store.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A durable server (H2 on disk) keeps its cluster: a restarted server finds its jobs and its .sync tasks end. */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void a_sync_job_running_when_the_server_stopped_fails_with_its_host_and_its_retry_finishes_the_workflow()
            throws Exception {
        Path marker = dir.resolve("first-attempt-ran");
        String sm;
        String exec;
        try (Database db = Database.h2(dir.resolve("db"))) {
            try (ClusterServer s = new ClusterServer(ClusterExtension.builder().logDir(dir.resolve("logs"))
                    .killGrace(Duration.ofMillis(200)).build(), b -> b.database(db))) {
                s.batchSetUp("ce", 2, "q", "once", "true");
                s.batch.registerJobDefinition(b -> b.jobDefinitionName("once").type("container")
                        .containerProperties(c -> c.command("sh", "-c", "if [ -f " + marker + " ]; then echo second; "
                                + "exit 0; fi; touch " + marker + "; sleep 30").vcpus(1).memory(64))
                        .retryStrategy(r -> r.attempts(2)));
                sm = s.createStateMachine("durable", """
                        {"StartAt":"Job","States":{"Job":{"Type":"Task",
                          "Resource":"arn:aws:states:::batch:submitJob.sync",
                          "Parameters":{"JobName":"once","JobQueue":"q","JobDefinition":"once"},"End":true}}}""");
                exec = s.start(sm, "{}");
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
            }
            // A new server on the same database: the job's host is gone, its retry strategy runs it again.
            try (ClusterServer s = new ClusterServer(ClusterExtension.builder().logDir(dir.resolve("logs"))
                    .build(), b -> b.database(db))) {
                assertThat(s.server.resumed()).isEqualTo(1);
                DescribeExecutionResponse end = s.awaitEnd(exec, Duration.ofSeconds(20));
                assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                JsonNode job = Json.parse(end.output());
                assertThat(job.get("Status").asText()).isEqualTo("SUCCEEDED");
                assertThat(job.get("Attempts")).hasSize(2);
                assertThat(job.get("Attempts").get(0).get("StatusReason").asText())
                        .isEqualTo("Host EC2 (instance local) terminated.");
                assertThat(s.batch.listJobs(b -> b.jobQueue("q").jobStatus(JobStatus.SUCCEEDED)).jobSummaryList())
                        .hasSize(1); // found again, not submitted twice
                assertThat(s.batch.describeJobQueues(b -> b.jobQueues("q")).jobQueues()).hasSize(1);
            }
        }
    }
}
