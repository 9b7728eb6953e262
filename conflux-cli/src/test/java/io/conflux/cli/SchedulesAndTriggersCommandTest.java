package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import io.conflux.triggers.TriggersExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulesAndTriggersCommandTest {
    @TempDir
    Path project;

    private ConfluxServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void start() {
        server = ConfluxServer.start(ServerConfig.builder().port(0).extension(new TriggersExtension()).build());
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

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deployed_schedules_and_triggers_are_listed_from_the_running_server() throws Exception {
        Files.writeString(project.resolve("conflux.yaml"), """
                stateMachines:
                  report:
                    definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
                schedules:
                  nightly:
                    expression: cron(0 2 * * ? *)
                    timezone: Europe/Paris
                    stateMachine: report
                triggers:
                  on-demand:
                    type: http
                    stateMachine: report
                """);
        assertThat(run("deploy", project.toString(), "--endpoint", server.endpoint())).as(err.toString()).isZero();
        assertThat(out()).contains("schedule nightly: created", "trigger on-demand: created");

        assertThat(run("schedules", "--endpoint", server.endpoint())).isZero();
        String[] lines = out().strip().split("\n");
        assertThat(lines[0]).startsWith("NAME").contains("STATE", "EXPRESSION", "TIMEZONE", "NEXT RUN", "LAST FIRE");
        assertThat(lines[1]).startsWith("nightly").contains("ENABLED", "cron(0 2 * * ? *)", "Europe/Paris");

        assertThat(run("triggers", "--endpoint", server.endpoint())).isZero();
        lines = out().strip().split("\n");
        assertThat(lines[0]).startsWith("NAME").contains("TYPE", "STATE MACHINE", "LAST EVENT");
        assertThat(lines[1]).startsWith("on-demand").contains("http", "ENABLED", "report", "-");

        assertThat(run("schedules", "nightly", "--endpoint", server.endpoint())).isZero();
        assertThat(out()).contains("\"nextRuns\"", "\"expression\" : \"cron(0 2 * * ? *)\"");
        assertThat(run("triggers", "missing", "--endpoint", server.endpoint())).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the server answered 404: Expected a trigger named missing, but there is none");
    }

    @Test
    void says_when_no_server_answers() {
        assertThat(run("schedules", "--endpoint", "http://127.0.0.1:1")).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no server answers at http://127.0.0.1:1");
    }
}
