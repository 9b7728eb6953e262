package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.server.project.Project;
import io.conflux.server.project.ProjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedules and triggers sections of conflux.yaml. */
class ProjectSectionsTest {
    @TempDir
    Path dir;

    private Project read(TestNode node, String yaml) throws Exception {
        Files.writeString(dir.resolve("conflux.yaml"), yaml);
        return Project.read(dir.resolve("conflux.yaml"), node.server.projectSections());
    }

    @Test
    void a_project_declares_schedules_and_triggers_and_deploying_it_again_changes_nothing() throws Exception {
        try (TestNode node = TestNode.manual(b -> {})) {
            String yaml = """
                    stateMachines:
                      report:
                        definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
                    schedules:
                      nightly:
                        expression: cron(0 2 * * ? *)
                        timezone: Europe/Paris
                        stateMachine: report
                        input: {day: <aws.scheduler.scheduled-time>}
                        flexibleTimeWindow: {mode: FLEXIBLE, maximumWindowInMinutes: 15}
                    triggers:
                      failed-reports:
                        type: execution
                        source: report
                        statuses: [FAILED]
                        stateMachine: report
                        filter: {detail: {status: [FAILED]}}
                    """;
            assertThat(node.server.deploy(read(node, yaml))).containsExactly("state machine report: created",
                    "schedule nightly: created", "trigger failed-reports: created");
            assertThat(node.server.deploy(read(node, yaml))).containsExactly("state machine report: unchanged",
                    "schedule nightly: unchanged", "trigger failed-reports: unchanged");
            assertThat(node.schedule("nightly").path("timezone").asText()).isEqualTo("Europe/Paris");
            assertThat(node.trigger("failed-reports").path("running").asBoolean()).isTrue();
        }
    }

    @Test
    void problems_name_their_place_in_the_project() throws Exception {
        try (TestNode node = TestNode.manual(b -> {})) {
            Project p = read(node, """
                    schedules:
                      broken:
                        expression: rate(5 fortnights)
                        stateMachine: report
                    triggers:
                      queue:
                        type: amqp
                        stateMachine: report
                        prefetch: 0
                    """);
            assertThatThrownBy(() -> node.server.deploy(p)).isInstanceOf(ProjectException.class)
                    .satisfies(e -> assertThat(((ProjectException) e).problems()).containsExactly(
                            "/schedules/broken/expression: Expected rate(value unit) with a positive whole value and "
                                    + "a unit of minute, minutes, hour, hours, day or days, but got "
                                    + "'rate(5 fortnights)'"));
            Project t = read(node, """
                    triggers:
                      queue:
                        type: amqp
                        stateMachine: report
                        prefetch: 0
                    """);
            assertThatThrownBy(() -> node.server.deploy(t)).isInstanceOf(ProjectException.class)
                    .satisfies(e -> assertThat(((ProjectException) e).problems()).containsExactly(
                            "/triggers/queue/queue: required",
                            "/triggers/queue/prefetch: expected a whole number from 1 to 1000, but got 0"));
        }
    }
}
