package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The CLI from the user's side: exit codes, and stdout carrying only the result. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path dir;

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

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private int run(String... args) {
        // picocli writes usage errors to its own err writer, which defaults to System.err at creation time.
        return Main.execute(args);
    }

    @Test
    void run_prints_only_the_output_on_stdout_and_exits_0() throws Exception {
        Path f = write("p.json", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"greeting.$":"$.name"},"End":true}}}""");
        int code = run("run", f.toString(), "--input", "{\"name\":\"Ada\"}");
        assertThat(code).isEqualTo(0);
        JsonNode output = Json.parse(stdout());
        assertThat(output).isEqualTo(Json.parse("{\"greeting\":\"Ada\"}"));
        assertThat(stderr()).contains("→ A").contains("✓ A");
    }

    @Test
    void run_reads_yaml_definitions_and_input_files() throws Exception {
        Path f = write("p.yaml", """
                StartAt: A
                States:
                  A:
                    Type: Pass
                    OutputPath: $.x
                    End: true
                """);
        Path input = write("in.json", "{\"x\": [1, 2]}");
        assertThat(run("run", f.toString(), "--input", "@" + input, "--quiet")).isEqualTo(0);
        assertThat(Json.parse(stdout())).isEqualTo(Json.parse("[1,2]"));
        assertThat(stderr()).isEmpty();
    }

    @Test
    void a_failed_execution_exits_1_with_error_and_cause_on_stderr() throws Exception {
        Path f = write("f.json", """
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"it broke"}}}""");
        assertThat(run("run", f.toString())).isEqualTo(Main.FAILED);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("FAILED: Oops").contains("cause: it broke");
    }

    @Test
    void a_timed_out_execution_exits_3() throws Exception {
        Path f = write("t.json", """
                {"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""");
        assertThat(run("run", f.toString(), "--quiet")).isEqualTo(Main.TIMED_OUT);
        assertThat(stderr()).contains("TIMED_OUT: States.Timeout");
    }

    @Test
    void an_invalid_definition_exits_2_with_every_diagnostic_and_runs_nothing() throws Exception {
        Path f = write("bad.json", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"},"B":{"Type":"Wait","End":true}}}""");
        assertThat(run("run", f.toString())).isEqualTo(Main.INVALID);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("MISSING_TRANSITION_TARGET at /States/A/Next")
                .contains("/States/B")
                .contains("invalid definition, not run");
    }

    @Test
    void invalid_json_names_the_line_and_column_without_a_stack_trace() throws Exception {
        Path f = write("broken.json", "{\"StartAt\": \"A\",\n \"States\": {");
        assertThat(run("run", f.toString())).isEqualTo(Main.INVALID);
        assertThat(stderr()).contains("INVALID_JSON_DESCRIPTION").contains("line: 2").doesNotContain("\tat ");
    }

    @Test
    void invalid_input_json_is_reported_as_such() throws Exception {
        Path f = write("p.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
        assertThat(run("run", f.toString(), "--input", "{nope")).isEqualTo(Main.INVALID);
        assertThat(stderr()).contains("--input is not valid JSON").contains("line 1");
    }

    @Test
    void a_missing_file_is_reported_plainly() {
        assertThat(run("run", dir.resolve("nope.json").toString())).isEqualTo(Main.INVALID);
        assertThat(stderr()).contains("nope.json: no such file");
    }

    @Test
    void history_prints_the_aws_shaped_event_history_instead_of_the_output() throws Exception {
        Path f = write("p.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
        assertThat(run("run", f.toString(), "--history", "--quiet")).isEqualTo(0);
        JsonNode events = Json.parse(stdout());
        assertThat(events).hasSize(4);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ExecutionStarted");
        assertThat(events.get(1).get("stateEnteredEventDetails").get("name").asText()).isEqualTo("A");
        assertThat(events.get(3).get("type").asText()).isEqualTo("ExecutionSucceeded");
    }

    @Test
    void validate_reports_ok_files_and_exits_1_when_any_file_has_errors() throws Exception {
        Path good = write("good.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        Path bad = write("bad.json", "{\"States\":{}}");
        assertThat(run("validate", good.toString())).isEqualTo(0);
        assertThat(stdout()).contains("good.json: OK");
        assertThat(run("validate", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(stderr()).contains("bad.json: error: SCHEMA_VALIDATION_FAILED at /");
    }

    @Test
    void the_examples_are_valid() throws Exception {
        Path examples = Path.of("..", "examples");
        try (var files = Files.list(examples)) {
            for (Path p : files.filter(x -> x.toString().matches(".*\\.asl\\.(json|ya?ml)$")).toList()) {
                int code = run("validate", p.toString());
                assertThat(code).as(p + ": " + stderr()).isEqualTo(p.toString().contains("invalid") ? 1 : 0);
            }
        }
    }
}
