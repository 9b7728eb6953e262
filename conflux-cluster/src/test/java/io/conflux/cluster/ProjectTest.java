package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.server.project.Project;
import io.conflux.server.project.ProjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** conflux.yaml declares compute environments, queues, job definitions, clusters and task definitions. */
class ProjectTest {
    @TempDir
    Path dir;

    private static final String PROJECT = """
            computeEnvironments:
              local: {minvCpus: 0, maxvCpus: 2, idleSeconds: 30}
              cheap: {type: SPOT, maxvCpus: 8}
            jobQueues:
              work: {priority: 10, computeEnvironments: [local, cheap]}
            jobDefinitions:
              hello:
                command: echo hello $WHO
                vcpus: 1
                memory: 64
                environment: {WHO: world}
                retryStrategy: {attempts: 2}
            clusters: [apps]
            taskDefinitions:
              report: {cpu: 256, memory: 512, image: busybox, command: echo report}
            stateMachines:
              hello:
                definition:
                  StartAt: Job
                  States:
                    Job:
                      Type: Task
                      Resource: arn:aws:states:::batch:submitJob.sync
                      Parameters: {JobName: hello, JobQueue: work, JobDefinition: hello}
                      End: true
            """;

    @Test
    void a_project_declares_the_cluster_and_deploying_it_twice_changes_nothing() throws Exception {
        Files.writeString(dir.resolve("conflux.yaml"), PROJECT);
        try (ClusterServer s = new ClusterServer(ClusterExtension.builder().logDir(dir.resolve("logs")).build())) {
            Project p = Project.read(dir.resolve("conflux.yaml"), s.server.projectSections());
            assertThat(s.server.deploy(p)).containsExactly("compute environment local: created",
                    "compute environment cheap: created", "job queue work: created",
                    "job definition hello: registered revision 1", "cluster apps: created",
                    "task definition report: revision 1", "state machine hello: created");
            assertThat(s.server.deploy(p)).containsExactly("compute environment local: unchanged",
                    "compute environment cheap: unchanged", "job queue work: unchanged",
                    "job definition hello: unchanged", "cluster apps: unchanged",
                    "task definition report: revision 1", "state machine hello: unchanged");
            var ce = s.batch.describeComputeEnvironments(b -> b.computeEnvironments("cheap")).computeEnvironments()
                    .get(0);
            assertThat(ce.computeResources().typeAsString()).isEqualTo("SPOT");
            String exec = s.start("arn:aws:states:us-east-1:123456789012:stateMachine:hello", "{}");
            var end = s.awaitEnd(exec, Duration.ofSeconds(20));
            assertThat(end.status()).as(end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            String jobId = io.conflux.asl.expr.Json.parse(end.output()).get("JobId").asText();
            assertThat(WorkflowsTest.http(s.endpoint() + "/conflux/cluster/jobs/" + jobId + "/logs"))
                    .isEqualTo("hello world\n");
            assertThat(s.ecs.describeTaskDefinition(b -> b.taskDefinition("report")).taskDefinition()
                    .containerDefinitions().get(0).command()).containsExactly("sh", "-c", "echo report");
        }
    }

    @Test
    void a_section_names_every_problem_with_its_place() throws Exception {
        Files.writeString(dir.resolve("conflux.yaml"), """
                jobQueues:
                  orphan: {computeEnvironments: [nowhere]}
                  empty: {computeEnvironments: []}
                """);
        try (ClusterServer s = new ClusterServer(ClusterExtension.builder().logDir(dir.resolve("logs")).build())) {
            Project p = Project.read(dir.resolve("conflux.yaml"), s.server.projectSections());
            assertThatThrownBy(() -> s.server.deploy(p)).isInstanceOf(ProjectException.class)
                    .satisfies(e -> assertThat(((ProjectException) e).problems()).containsExactly(
                            "/jobQueues/orphan: Error executing request, Exception : computeEnvironment nowhere does "
                                    + "not exist.",
                            "/jobQueues/empty: Error executing request, Exception : computeEnvironmentOrder must "
                                    + "contain at least one compute environment."));
        }
    }
}
