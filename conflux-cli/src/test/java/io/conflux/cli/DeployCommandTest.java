package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {
    @TempDir
    Path project;

    private ConfluxServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void start() {
        server = ConfluxServer.start(ServerConfig.builder().port(0).build());
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        server.close();
    }

    private int deploy() {
        out.reset();
        err.reset();
        return Main.execute("deploy", project.toString(), "--endpoint", server.endpoint());
    }

    @Test
    void a_project_deploys_its_state_machines_and_activities_and_deploying_again_changes_nothing() throws Exception {
        Files.createDirectories(project.resolve("workflows"));
        Files.writeString(project.resolve("workflows/hello.asl.yaml"), """
                StartAt: A
                States:
                  A: {Type: Pass, End: true}
                """);
        Files.writeString(project.resolve("conflux.yaml"), """
                stateMachines:
                  hello:
                    definition: workflows/hello.asl.yaml
                  inline:
                    type: EXPRESS
                    definition: {StartAt: B, States: {B: {Type: Succeed}}}
                activities: [approve]
                """);
        assertThat(deploy()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("activity approve: ready", "state machine hello: created",
                "state machine inline: created");
        assertThat(deploy()).isZero();
        assertThat(out.toString()).contains("state machine hello: unchanged", "state machine inline: unchanged");

        Files.writeString(project.resolve("workflows/hello.asl.yaml"), """
                StartAt: A
                States:
                  A: {Type: Pass, Result: 1, End: true}
                """);
        assertThat(deploy()).isZero();
        assertThat(out.toString()).contains("state machine hello: updated");
    }

    @Test
    void every_problem_of_a_project_is_named_with_its_place() throws Exception {
        Files.writeString(project.resolve("conflux.yaml"), """
                stateMachnes: {}
                """);
        assertThat(deploy()).isEqualTo(Main.INVALID);
        assertThat(err.toString()).contains("/stateMachnes: unknown section; expected one of [activities, "
                + "stateMachines]");

        Files.writeString(project.resolve("conflux.yaml"), """
                stateMachines:
                  broken:
                    definition: {StartAt: Nowhere, States: {A: {Type: Pass, End: true}}}
                  missing:
                    definition: no/such/file.json
                """);
        assertThat(deploy()).isEqualTo(Main.INVALID);
        assertThat(err.toString()).contains("/stateMachines/broken: InvalidDefinition: ")
                .contains("/stateMachines/missing/definition: cannot read ");
    }

    @Test
    void deploying_a_folder_without_a_project_file_says_so() {
        assertThat(deploy()).isEqualTo(Main.INVALID);
        assertThat(err.toString()).contains("no conflux.yaml in");
    }
}
