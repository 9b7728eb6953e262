package io.conflux.engine.interpreter;

import static io.conflux.engine.interpreter.Stepper.FN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workflow variables (Assign) as AWS runs them. Where a test says "recorded", its definition and the values it
 * checks are those of an execution recorded against AWS (LocalStack's test suite, tests/aws/services/stepfunctions/
 * v2/assign, Apache License 2.0; the cases left out of the vendored corpus).
 */
class VariablesTest {

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Stepper run(String definition, String input) {
        Stepper run = Stepper.exact(definition, input);
        run.start();
        return run;
    }

    // ---- what Assign sees ---------------------------------------------------------------------------------------

    @Test
    void a_jsonpath_pass_state_assigns_from_its_result_as_dollar() {
        // recorded: BASE_ASSIGN_FROM_RESULT
        Stepper run = run("""
                {"StartAt":"State0","States":{"State0":{"Type":"Pass","Result":{"answer":42},
                 "Assign":{"theAnswer.$":"$.answer"},"End":true}}}""", "{}");
        assertThat(run.exited("State0").assignedVariables()).containsExactly(Map.entry("theAnswer", "42"));
        assertThat(run.state.output()).isEqualTo(json("{\"answer\":42}"));
    }

    @Test
    void a_jsonpath_task_assigns_from_its_result_after_result_selector() {
        Stepper run = run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sf",
                 "ResultSelector":{"picked.$":"$.Payload"},"Assign":{"r.$":"$.picked","raw.$":"$$.State.Name"},
                 "End":true}}}""".formatted(FN), "{}");
        run.succeed(run.onlyTask(), "{'Payload':'hello'}", 1);
        assertThat(run.exited("T").assignedVariables())
                .containsExactly(Map.entry("r", "\"hello\""), Map.entry("raw", "\"T\""));
    }

    @Test
    void a_jsonata_task_assigns_from_states_result_and_states_input() {
        Stepper run = run("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sf",
                 "Assign":{"r":"{%% $states.result.Payload %%}","in":"{%% $states.input.x %%}"},
                 "Output":"{%% $states.result.Payload %%}","End":true}}}""".formatted(FN), "{\"x\":1}");
        run.succeed(run.onlyTask(), "{'Payload':'hello'}", 1);
        assertThat(run.exited("T").assignedVariables())
                .containsExactly(Map.entry("r", "\"hello\""), Map.entry("in", "1"));
    }

    @Test
    void a_jsonpath_catcher_assigns_from_the_error_output_as_dollar() {
        Stepper run = run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sf","Catch":[{"ErrorEquals":["States.ALL"],
                 "Assign":{"err.$":"$.Error"},"ResultPath":"$.e","Next":"Done"}],"End":true},
                 "Done":{"Type":"Pass","Parameters":{"seen.$":"$err"},"End":true}}}""".formatted(FN), "{}");
        run.fail(run.onlyTask(), "Boom", 1);
        assertThat(run.exited("T").assignedVariables()).containsExactly(Map.entry("err", "\"Boom\""));
        assertThat(run.state.output()).isEqualTo(json("{\"seen\":\"Boom\"}"));
    }

    @Test
    void a_jsonata_catcher_assigns_from_states_error_output() {
        // recorded (lambda): test_assign_in_catch_state, the error output assigned whole
        Stepper run = run("""
                {"StartAt":"T","States":{"T":{"QueryLanguage":"JSONata","Type":"Task","Resource":"%sf",
                 "Assign":{"result":"SUCCESS"},"Catch":[{"ErrorEquals":["States.ALL"],
                 "Assign":{"result":"{%% $states.errorOutput %%}"},"Next":"fallback"}],"End":true},
                 "fallback":{"Type":"Pass","End":true}}}""".formatted(FN), "{}");
        run.fail(run.onlyTask(), "Exception", 1);
        assertThat(json(run.exited("T").assignedVariables().get("result")))
                .isEqualTo(json("{\"Error\":\"Exception\",\"Cause\":\"it broke\"}"));
        assertThat(run.state.output()).isEqualTo(json("{\"Error\":\"Exception\",\"Cause\":\"it broke\"}"));
    }

    @Test
    void a_choice_rule_assigns_with_its_rule_and_the_default_with_the_state_assign() {
        // recorded: BASE_ASSIGN_IN_CHOICE with input_value "42" (a string: NumericEquals does not hold)
        String definition = """
                {"StartAt":"CheckInputState","States":{"CheckInputState":{"Type":"Choice","Choices":[
                 {"Variable":"$.input_value","IsPresent":false,"Assign":{"status":"UNKNOWN"},"Next":"FinalState"},
                 {"Variable":"$.input_value","NumericEquals":42,"Assign":{"status":"CORRECT"},"Next":"FinalState"}],
                 "Assign":{"status":"INCORRECT","guess.$":"$.input_value"},"Default":"FinalState"},
                 "FinalState":{"Type":"Pass","Parameters":{"result.$":"$status"},"End":true}}}""";
        Stepper byDefault = run(definition, "{\"input_value\":\"42\"}");
        assertThat(byDefault.exited("CheckInputState").assignedVariables())
                .containsExactly(Map.entry("status", "\"INCORRECT\""), Map.entry("guess", "\"42\""));
        assertThat(byDefault.state.output()).isEqualTo(json("{\"result\":\"INCORRECT\"}"));

        Stepper byRule = run(definition, "{\"input_value\":42}");
        assertThat(byRule.exited("CheckInputState").assignedVariables())
                .containsExactly(Map.entry("status", "\"CORRECT\""));
        assertThat(byRule.state.output()).isEqualTo(json("{\"result\":\"CORRECT\"}"));
    }

    // ---- when new values count ------------------------------------------------------------------------------

    @Test
    void output_path_reads_the_values_from_before_the_state_assigns() {
        // recorded: BASE_EVALUATION_ORDER_PASS_STATE
        Stepper run = run("""
                {"StartAt":"State0","States":{
                 "State0":{"Type":"Pass","Result":{"theQuestion":"What is the answer?"},
                  "Assign":{"question.$":"$.theQuestion","answer":42},"Next":"State1"},
                 "State1":{"Type":"Pass","InputPath":"$answer","ResultPath":"$.theAnswer","OutputPath":"$answer",
                  "Assign":{"answer":"<omitted>"},"End":true}}}""", "{}");
        assertThat(run.exited("State1").assignedVariables()).containsExactly(Map.entry("answer", "\"<omitted>\""));
        assertThat(run.state.output()).isEqualTo(json("42"));
    }

    @Test
    void every_assignment_of_a_state_reads_the_values_from_before_that_state() {
        Stepper run = run("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{
                 "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
                 "B":{"Type":"Pass","Assign":{"x":2,"y":"{% $x %}"},"Output":"{% $x %}","Next":"C"},
                 "C":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}"},"End":true}}}""", "{}");
        assertThat(run.exited("B").assignedVariables()).containsExactly(Map.entry("x", "2"), Map.entry("y", "1"));
        assertThat(run.exited("B").output()).isEqualTo(json("1"));
        assertThat(run.state.output()).isEqualTo(json("{\"x\":2,\"y\":1}"));
    }

    @Test
    void when_assign_and_output_both_fail_the_error_names_assign() {
        // Not recorded: AWS's guide evaluates Assign before Output; we report the first field that fails.
        Stepper run = run("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass",
                 "Assign":{"a":"{% $nope %}"},"Output":"{% $alsoNope %}","End":true}}}""", "{}");
        EventDetails.EvaluationFailed failed = (EventDetails.EvaluationFailed) run.history.stream()
                .filter(e -> e.type() == EventType.EvaluationFailed).findFirst().orElseThrow().details();
        assertThat(failed.location()).isEqualTo("Assign/a");
    }

    // ---- where variables can be read --------------------------------------------------------------------------

    @Test
    void a_parameters_value_without_dollar_suffix_is_literal_and_the_next_state_reads_the_variable() {
        // recorded: BASE_REFERENCE_IN_PARAMETERS
        Stepper run = run("""
                {"StartAt":"State0","States":{
                 "State0":{"Type":"Pass","Parameters":{"result":"$result"},"Assign":{"result":"foobar"},
                  "Next":"State1"},
                 "State1":{"Type":"Pass","ResultPath":"$.result","Parameters":{"result.$":"$result"},
                  "End":true}}}""", "{}");
        assertThat(run.exited("State0").output()).isEqualTo(json("{\"result\":\"$result\"}"));
        assertThat(run.state.output()).isEqualTo(json("{\"result\":{\"result\":\"foobar\"}}"));
    }

    @Test
    void input_path_and_output_path_can_name_a_variable() {
        // recorded: BASE_REFERENCE_IN_INPUTPATH and BASE_REFERENCE_IN_OUTPUTPATH
        Stepper in = run("""
                {"StartAt":"State0","States":{"State0":{"Type":"Pass","Assign":{"theAnswer":42},"Next":"State1"},
                 "State1":{"Type":"Pass","InputPath":"$theAnswer","End":true}}}""", "{}");
        assertThat(in.state.output()).isEqualTo(json("42"));
        Stepper out = run("""
                {"StartAt":"State0","States":{"State0":{"Type":"Pass","Result":{"answer":42},
                 "Assign":{"theAnswer.$":"$.answer"},"Next":"State1"},
                 "State1":{"Type":"Pass","OutputPath":"$theAnswer","End":true}}}""", "{}");
        assertThat(out.state.output()).isEqualTo(json("42"));
    }

    @Test
    void wait_paths_and_fail_paths_can_name_a_variable() {
        // recorded: BASE_REFERENCE_IN_WAIT and BASE_REFERENCE_IN_FAIL
        Stepper wait = run("""
                {"StartAt":"Start","States":{"Start":{"Type":"Pass",
                 "Assign":{"waitTime":0,"startAt":"2024-11-06T09:42:03Z"},"Next":"WaitSecondsState"},
                 "WaitSecondsState":{"Type":"Wait","SecondsPath":"$waitTime","Next":"WaitUntilState"},
                 "WaitUntilState":{"Type":"Wait","TimestampPath":"$startAt","End":true}}}""", "{}");
        assertThat(wait.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(wait.state.output()).isEqualTo(json("{}"));
        Stepper fail = run("""
                {"StartAt":"Pass","States":{"Pass":{"Type":"Pass",
                 "Assign":{"errorVar":"Exception","causeVar":"An Exception was encountered"},"Next":"Fail"},
                 "Fail":{"Type":"Fail","CausePath":"$causeVar","ErrorPath":"$errorVar"}}}""", "{}");
        assertThat(fail.state.error()).isEqualTo("Exception");
        assertThat(fail.state.cause()).isEqualTo("An Exception was encountered");
    }

    @Test
    void map_concurrency_and_tolerated_failure_paths_take_numeric_strings_from_variables() {
        // recorded: MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH and MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH
        Stepper run = run("""
                {"StartAt":"Start","States":{"Start":{"Type":"Pass","Assign":{"maxConcurrency":"1",
                 "toleratedFailurePercentage":"1","toleratedFailureCount":"1"},"Result":{"Values":[1,2,3]},
                 "Next":"MapState"},
                 "MapState":{"Type":"Map","ItemsPath":"$.Values","MaxConcurrencyPath":"$maxConcurrency",
                  "ToleratedFailurePercentagePath":"$toleratedFailurePercentage",
                  "ToleratedFailureCountPath":"$toleratedFailureCount",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"HandleItem",
                   "States":{"HandleItem":{"Type":"Pass","End":true}}},"End":true}}}""", "{}");
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output()).isEqualTo(json("[1,2,3]"));
    }

    // ---- scopes -------------------------------------------------------------------------------------------------

    private static final String SCOPES = """
            {"QueryLanguage":"JSONata","StartAt":"Outer","States":{
             "Outer":{"Type":"Pass","Assign":{"x":"outer"},"Next":"Fan"},
             "Fan":{"Type":"%s",%s,"Next":"After"},
             "After":{"Type":"Pass","Output":{"x":"{%% $x %%}","innerVisible":"{%% $exists($inner) %%}"},
              "End":true}}}""";

    private static final String INNER = """
            "StartAt":"Inner","States":{"Inner":{"Type":"Pass","Assign":{"x":"inner","inner":"{% $x %}"},
             "Next":"Read"},"Read":{"Type":"Pass","Output":{"x":"{% $x %}","inner":"{% $inner %}"},"End":true}}""";

    @Test
    void a_map_iteration_reads_outer_variables_and_its_assignments_stay_in_the_iteration() {
        Stepper run = run(SCOPES.formatted("Map", "\"Items\":[1,2],\"ItemProcessor\":{" + INNER + "}"), "{}");
        assertThat(run.exited("Inner").assignedVariables())
                .containsExactly(Map.entry("x", "\"inner\""), Map.entry("inner", "\"outer\""));
        assertThat(run.exited("Fan").output()).isEqualTo(json(
                "[{\"x\":\"inner\",\"inner\":\"outer\"},{\"x\":\"inner\",\"inner\":\"outer\"}]"));
        assertThat(run.state.output()).isEqualTo(json("{\"x\":\"outer\",\"innerVisible\":false}"));
    }

    @Test
    void a_parallel_branch_reads_outer_variables_and_its_assignments_stay_in_the_branch() {
        Stepper run = run(SCOPES.formatted("Parallel", "\"Branches\":[{" + INNER + "}]"), "{}");
        assertThat(run.exited("Fan").output()).isEqualTo(json("[{\"x\":\"inner\",\"inner\":\"outer\"}]"));
        assertThat(run.state.output()).isEqualTo(json("{\"x\":\"outer\",\"innerVisible\":false}"));
    }

    @Test
    void a_catcher_of_a_map_assigns_in_the_scope_around_the_map() {
        Stepper run = run("""
                {"QueryLanguage":"JSONata","StartAt":"Fan","States":{
                 "Fan":{"Type":"Map","Items":[1],"ItemProcessor":{"StartAt":"Boom","States":{
                   "Boom":{"Type":"Fail","Error":"Boom"}}},
                  "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"caught":"{% $states.errorOutput.Error %}"},
                   "Next":"After"}],"End":true},
                 "After":{"Type":"Pass","Output":"{% $caught %}","End":true}}}""", "{}");
        assertThat(run.state.output()).isEqualTo(json("\"Boom\""));
    }

    // ---- history --------------------------------------------------------------------------------------------

    @Test
    void state_exited_events_record_each_assigned_value_as_json_text_and_nothing_for_an_empty_assign() {
        // recorded: BASE_VAR and BASE_EMPTY
        Stepper run = run("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{},"Next":"B"},
                 "B":{"Type":"Pass","Assign":{"s":"text","n":0.1,"b":true,"z":null,"l":[1,"a"],"o":{"k":1}},
                  "End":true}}}""", "{}");
        assertThat(run.exited("A").assignedVariables()).isNull();
        assertThat(run.exited("B").assignedVariables()).containsExactly(Map.entry("s", "\"text\""),
                Map.entry("n", "0.1"), Map.entry("b", "true"), Map.entry("z", "null"), Map.entry("l", "[1,\"a\"]"),
                Map.entry("o", "{\"k\":1}"));
    }

    // ---- limits ---------------------------------------------------------------------------------------------

    private static String big(int chars) {
        return "x".repeat(chars);
    }

    @Test
    void a_variable_larger_than_its_limit_fails_the_state_with_data_limit_exceeded() {
        Stepper run = Stepper.exact("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"v.$":"$.big"},"End":true}}}""",
                "{\"big\":\"" + big(100) + "\"}", "salt", new Limits(0, 64, 1000, 10_000));
        run.start();
        assertThat(run.state.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.state.cause()).contains("The variable 'v' assigned by the state 'A' exceeds");
    }

    @Test
    void one_assign_larger_than_its_limit_fails_even_when_each_variable_fits() {
        Stepper run = Stepper.exact("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a.$":"$.s","b.$":"$.s"},"End":true}}}""",
                "{\"s\":\"" + big(40) + "\"}", "salt", new Limits(0, 64, 64, 10_000));
        run.start();
        assertThat(run.state.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.state.cause()).contains("The variables assigned by the state 'A' exceed");
    }

    @Test
    void all_variables_together_are_limited_but_reassigning_a_name_replaces_its_old_size() {
        String definition = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a.$":"$.s"},"Next":"B"},
                 "B":{"Type":"Pass","Assign":{"%s.$":"$.s"},"End":true}}}""";
        Limits limits = new Limits(0, 64, 64, 100);
        Stepper again = Stepper.exact(definition.formatted("a"), "{\"s\":\"" + big(58) + "\"}", "salt", limits);
        again.start();
        assertThat(again.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Stepper another = Stepper.exact(definition.formatted("b"), "{\"s\":\"" + big(58) + "\"}", "salt", limits);
        another.start();
        assertThat(another.state.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(another.state.cause()).contains("The variables of the execution would exceed");
    }

    @Test
    void a_variable_limit_failure_can_be_caught() {
        Stepper run = Stepper.exact("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sf","Assign":{"v.$":"$.big"},
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
                 "Caught":{"Type":"Pass","End":true}}}""".formatted(FN), "{}", "salt",
                new Limits(0, 16, 1000, 10_000));
        run.start();
        run.succeed(run.onlyTask(), "{'big':'" + big(40) + "'}", 1);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output().path("Error").asText()).isEqualTo("States.DataLimitExceeded");
    }
}
