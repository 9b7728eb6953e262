package io.conflux.engine.interpreter;

import static io.conflux.engine.interpreter.Stepper.FN;
import static io.conflux.engine.interpreter.Stepper.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import org.junit.jupiter.api.Test;

/**
 * The JSONata forms of the fields that take one kind of value, and the location of the EvaluationFailed event that
 * a failing field records. The type messages follow AWS's recorded one for Items ("returned an unexpected result
 * type. Expected 'array', but was 'number' for value: 1"); the range messages are ours (no recording shows AWS's).
 */
class JsonataFieldsTest {

    private static Stepper run(String states, String input) {
        Stepper run = Stepper.exact("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S\",\"States\":{" + states + "}}",
                input);
        run.start();
        return run;
    }

    private static EventDetails.EvaluationFailed evaluationFailed(Stepper run) {
        return (EventDetails.EvaluationFailed) run.history.stream().filter(e -> e.type() == EventType.EvaluationFailed)
                .findFirst().orElseThrow(() -> new AssertionError("Expected an EvaluationFailed event")).details();
    }

    private static void assertQueryError(Stepper run, String location, String causeEnd) {
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.state.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(run.state.cause()).endsWith(causeEnd);
        assertThat(evaluationFailed(run).location()).isEqualTo(location);
    }

    // ---- the location of EvaluationFailed comes from the failing field, not from the cause's text ------------

    @Test
    void an_undefined_output_field_is_located_at_its_path_inside_output() {
        Stepper run = run("\"S\":{\"Type\":\"Pass\",\"Output\":{\"a\":[0,{\"b\":\"{% $nope %}\"}]},\"End\":true}", "{}");
        assertQueryError(run, "Output/a[1]/b", "specified for the field 'Output/a[1]/b' returned nothing (undefined).");
    }

    @Test
    void a_condition_that_is_not_a_boolean_is_located_at_condition() {
        Stepper run = run("\"S\":{\"Type\":\"Choice\",\"Choices\":[{\"Condition\":\"{% 1 %}\",\"Next\":\"E\"}]},"
                + "\"E\":{\"Type\":\"Succeed\"}", "{}");
        assertQueryError(run, "Condition", "Expected 'boolean', but was 'number' for value: 1");
    }

    @Test
    void an_unparseable_timestamp_is_located_at_timestamp() {
        Stepper run = run("\"S\":{\"Type\":\"Wait\",\"Timestamp\":\"{% 'tomorrow' %}\",\"End\":true}", "{}");
        assertQueryError(run, "Timestamp", "cannot be parsed as an ISO-8601 extended offset date-time format string: "
                + "tomorrow");
    }

    // ---- Task: TimeoutSeconds and HeartbeatSeconds ------------------------------------------------------------

    private static String task(String fields) {
        return "\"S\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "f\"," + fields + ",\"End\":true}";
    }

    @Test
    void jsonata_timeout_seconds_sets_the_task_timer() {
        Stepper run = run(task("\"TimeoutSeconds\":\"{% $states.input.t * 2 %}\""), "{\"t\":30}");
        assertThat(run.onlyTimer().due()).isEqualTo(at(60));
    }

    @Test
    void jsonata_timeout_seconds_that_is_not_an_integer_fails_with_the_type_message() {
        Stepper run = run(task("\"TimeoutSeconds\":\"{% '30' %}\""), "{}");
        assertQueryError(run, "TimeoutSeconds",
                "specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'integer', but"
                        + " was 'string' for value: \"30\"");
        assertThat(run.tasksStarted()).isEmpty();
    }

    @Test
    void jsonata_heartbeat_seconds_below_one_fails_with_the_range_message() {
        Stepper run = run(task("\"HeartbeatSeconds\":\"{% 0 %}\""), "{}");
        assertQueryError(run, "HeartbeatSeconds", "returned an out-of-range value. Expected an integer between 1 and "
                + "99999999, but was: 0");
    }

    @Test
    void a_fractional_number_is_not_an_integer_but_a_whole_one_written_with_a_point_is() {
        Stepper fraction = run(task("\"TimeoutSeconds\":\"{% 1.5 %}\""), "{}");
        assertQueryError(fraction, "TimeoutSeconds", "Expected 'integer', but was 'number' for value: 1.5");
        Stepper whole = run(task("\"TimeoutSeconds\":\"{% 3 / 1.5 %}\""), "{}");
        assertThat(whole.onlyTimer().due()).isEqualTo(at(2));
    }

    // ---- Wait: Seconds ------------------------------------------------------------------------------------

    @Test
    void jsonata_seconds_waits_that_long() {
        Stepper run = run("\"S\":{\"Type\":\"Wait\",\"Seconds\":\"{% $states.input.s %}\",\"End\":true}",
                "{\"s\":5}");
        assertThat(run.onlyTimer().due()).isEqualTo(at(5));
    }

    @Test
    void negative_jsonata_seconds_fail_with_the_range_message() {
        Stepper run = run("\"S\":{\"Type\":\"Wait\",\"Seconds\":\"{% -1 %}\",\"End\":true}", "{}");
        assertQueryError(run, "Seconds", "Expected an integer between 0 and 9223372036854775807, but was: -1");
    }

    // ---- Map: MaxConcurrency and the tolerated failures --------------------------------------------------------

    private static String map(String fields) {
        return "\"S\":{\"Type\":\"Map\",\"Items\":[1,2,3]," + fields + ",\"ItemProcessor\":{\"StartAt\":\"T\","
                + "\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "f\",\"End\":true}}},\"End\":true}";
    }

    @Test
    void jsonata_max_concurrency_limits_the_iterations_running_at_once() {
        Stepper run = run(map("\"MaxConcurrency\":\"{% $states.input.m %}\""), "{\"m\":2}");
        assertThat(run.tasksStarted()).hasSize(2);
    }

    @Test
    void jsonata_max_concurrency_that_is_not_an_integer_fails_the_map() {
        Stepper run = run(map("\"MaxConcurrency\":\"{% 'two' %}\""), "{}");
        assertQueryError(run, "MaxConcurrency", "Expected 'integer', but was 'string' for value: \"two\"");
    }

    @Test
    void jsonata_tolerated_failure_count_tolerates_that_many_failed_iterations() {
        Stepper run = run(map("\"ToleratedFailureCount\":\"{% 1 %}\""), "{}");
        var tokens = run.tasksStarted().stream().map(t -> t.request().taskToken()).toList();
        run.fail(tokens.get(0), "Boom", 1);
        run.succeed(tokens.get(1), "1", 1);
        run.succeed(tokens.get(2), "2", 1);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void jsonata_tolerated_failure_percentage_above_100_fails_with_the_range_message() {
        Stepper run = run(map("\"ToleratedFailurePercentage\":\"{% 100.5 %}\""), "{}");
        assertQueryError(run, "ToleratedFailurePercentage",
                "Expected a number between 0 and 100, but was: 100.5");
    }

    // ---- Fail: Error and Cause -----------------------------------------------------------------------------

    @Test
    void jsonata_error_and_cause_of_a_fail_state_are_evaluated() {
        Stepper run = run("\"S\":{\"Type\":\"Fail\",\"Error\":\"{% $states.input.e %}\","
                + "\"Cause\":\"{% 'because ' & $states.input.c %}\"}", "{\"e\":\"Bad\",\"c\":\"reasons\"}");
        assertThat(run.state.error()).isEqualTo("Bad");
        assertThat(run.state.cause()).isEqualTo("because reasons");
    }

    @Test
    void a_jsonata_error_that_is_not_a_string_fails_with_the_type_message() {
        Stepper run = run("\"S\":{\"Type\":\"Fail\",\"Error\":\"{% 42 %}\"}", "{}");
        assertQueryError(run, "Error", "specified for the field 'Error' returned an unexpected result type. Expected"
                + " 'string', but was 'number' for value: 42");
    }
}
