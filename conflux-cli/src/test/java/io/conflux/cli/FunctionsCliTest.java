package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Json;
import io.conflux.functions.FunctionsConfig;
import io.conflux.functions.FunctionsExtension;
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

/** Functions from the CLI: {@code conflux run} with a project's functions, {@code deploy}, {@code logs}. */
class FunctionsCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path project;

    @BeforeEach
    void capture() throws Exception {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.createDirectories(project.resolve("functions/greet"));
        Files.writeString(project.resolve("functions/greet/app.py"), """
                def handler(event, context):
                    print('greeting', event['name'])
                    if event['name'] == 'nobody':
                        raise ValueError('who?')
                    return {'greeting': 'Hello, ' + event['name']}
                """);
        Files.writeString(project.resolve("conflux.yaml"), """
                functions:
                  greet:
                    runtime: python3.12
                    handler: app.handler
                    code: functions/greet
                    memory: 256
                    timeout: 5
                    idleTtl: 2m
                stateMachines:
                  hello:
                    definition: hello.asl.json
                """);
        Files.writeString(project.resolve("hello.asl.json"), """
                {"StartAt":"Greet","States":{"Greet":{"Type":"Task","Resource":"${function:greet}","End":true}}}
                """);
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void run_uses_the_project_beside_the_definition_and_its_functions() throws Exception {
        int code = Main.execute("run", project.resolve("hello.asl.json").toString(), "--input", "{\"name\":\"Ada\"}");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)))
                .isEqualTo(Json.parse("{\"greeting\":\"Hello, Ada\"}"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("function greet: created");
    }

    @Test
    void a_function_error_fails_the_run_with_lambdas_error_and_exit_code_1() {
        int code = Main.execute("run", project.resolve("hello.asl.json").toString(), "--input",
                "{\"name\":\"nobody\"}");
        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED: ValueError").contains("who?");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_deployed_function_runs_on_the_server_and_its_logs_show_with_conflux_logs() throws Exception {
        try (ConfluxServer server = ConfluxServer.start(ServerConfig.builder().port(0)
                .extension(new FunctionsExtension(FunctionsConfig.builder().build())).build())) {
            assertThat(Main.execute("deploy", project.toString(), "--endpoint", server.endpoint())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("function greet: created")
                    .contains("state machine hello: created");
            var sfn = server.engine();
            String definition = server.resolveDefinition(Files.readString(project.resolve("hello.asl.json")));
            assertThat(definition).contains("arn:aws:lambda:us-east-1:123456789012:function:greet");
            String arn = sfn.start(io.conflux.asl.Asl.parse(definition).machine(),
                    io.conflux.engine.interpreter.ExecutionInfo.local("hello", "run-1"),
                    Json.parse("{\"name\":\"Grace\"}"));
            sfn.await(arn, java.time.Duration.ofSeconds(30));
            out.reset();
            assertThat(Main.execute("logs", "greet", "--endpoint", server.endpoint())).isZero();
            String logs = out.toString(StandardCharsets.UTF_8);
            assertThat(logs).contains("START RequestId:").contains("greeting Grace").contains("REPORT RequestId:");
            out.reset();
            assertThat(Main.execute("logs", "--execution", arn, "--endpoint", server.endpoint())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("[greet]").contains("greeting Grace");
            out.reset();
            LogsCommand.maxPolls = 2;
            LogsCommand.followWaitMillis = 200;
            try {
                assertThat(Main.execute("logs", "greet", "--follow", "--endpoint", server.endpoint())).isZero();
            } finally {
                LogsCommand.maxPolls = 0;
                LogsCommand.followWaitMillis = 10_000;
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("greeting Grace");
        }
    }
}
