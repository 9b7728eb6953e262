package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conflux run} takes any project a server takes: cluster jobs run, schedules and triggers are not started. */
class ProjectRunTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path project;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void a_workflow_submits_a_job_of_its_project_and_the_projects_schedule_is_not_started() throws Exception {
        Files.writeString(project.resolve("conflux.yaml"), """
                computeEnvironments:
                  local: {maxvCpus: 2}
                jobQueues:
                  work: {priority: 1, computeEnvironments: [local]}
                jobDefinitions:
                  hello:
                    command: echo hello $WHO
                    environment: {WHO: world}
                stateMachines:
                  job:
                    definition: job.asl.json
                schedules:
                  every-minute:
                    expression: rate(1 minute)
                    stateMachine: job
                """);
        Files.writeString(project.resolve("job.asl.json"), """
                {"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync",
                  "Parameters":{"JobName":"greet","JobQueue":"work","JobDefinition":"hello"},
                  "ResultSelector":{"Status.$":"$.Status","ExitCode.$":"$.Container.ExitCode"},"End":true}}}
                """);

        int code = Main.execute("run", project.resolve("job.asl.json").toString());

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)))
                .isEqualTo(Json.parse("{\"Status\":\"SUCCEEDED\",\"ExitCode\":0}"));
        assertThat(stderr).contains("schedules: not started by conflux run");
    }
}
