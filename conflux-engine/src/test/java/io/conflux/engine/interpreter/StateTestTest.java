package io.conflux.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.spi.TaskRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTestTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ExecutionInfo INFO = new ExecutionInfo(
            "arn:aws:states:us-east-1:111111111111:express:m:run", "run",
            "arn:aws:states:us-east-1:111111111111:stateMachine:m", "m",
            "arn:aws:iam::111111111111:role/r", true, true, null, null);

    private static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static StateTest.Request request(String definition, String input, StateTest.Mock mock) {
        return new StateTest.Request(definition.replace('\'', '"'), null, json(input), Map.of(), null, mock, null,
                INFO, NOW);
    }

    private static StateTest ready(StateTest.Request r) {
        StateTest.Prepared p = StateTest.prepare(r, Interpreter.Config.DEFAULT);
        assertThat(p).isInstanceOf(StateTest.Prepared.Ready.class);
        return ((StateTest.Prepared.Ready) p).test();
    }

    private static StateTest.Rejection rejected(StateTest.Request r) {
        StateTest.Prepared p = StateTest.prepare(r, Interpreter.Config.DEFAULT);
        assertThat(p).isInstanceOf(StateTest.Prepared.Rejected.class);
        return ((StateTest.Prepared.Rejected) p).rejection();
    }

    private static StateTest.Mock result(String json) {
        return new StateTest.Mock.Result(json(json));
    }

    @Test
    void a_pass_state_reports_each_step_of_its_data_flow_and_where_it_would_go() {
        StateTest.Result r = ready(request("{'Type': 'Pass', 'InputPath': '$.a', 'Parameters': {'b.$': '$.x'},"
                + " 'ResultPath': '$.out', 'Next': 'Elsewhere'}", "{'a': {'x': 1}}", null)).result();
        assertThat(r.status()).isEqualTo(StateTest.Status.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("Elsewhere");
        assertThat(r.output()).isEqualTo(json("{'a': {'x': 1}, 'out': {'b': 1}}"));
        assertThat(r.inspection().data()).containsExactly(
                Map.entry("input", json("{'a': {'x': 1}}")),
                Map.entry("afterInputPath", json("{'x': 1}")),
                Map.entry("afterParameters", json("{'b': 1}")),
                Map.entry("afterResultSelector", json("{'b': 1}")),
                Map.entry("afterResultPath", json("{'a': {'x': 1}, 'out': {'b': 1}}")));
    }

    @Test
    void a_task_runs_its_data_flow_on_a_mocked_result() {
        StateTest.Result r = ready(request("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',"
                + " 'Parameters': {'FunctionName': 'f', 'Payload.$': '$'}, 'ResultSelector': {'p.$': '$.Payload'},"
                + " 'End': true}", "{'v': 1}", result("{'Payload': 42}"))).result();
        assertThat(r.status()).isEqualTo(StateTest.Status.SUCCEEDED);
        assertThat(r.nextState()).isNull();
        assertThat(r.output()).isEqualTo(json("{'p': 42}"));
        assertThat(r.inspection().data().get("afterParameters")).isEqualTo(json("{'FunctionName': 'f',"
                + " 'Payload': {'v': 1}}"));
        assertThat(r.inspection().data().get("result")).isEqualTo(json("{'Payload': 42}"));
    }

    @Test
    void a_task_without_a_mock_waits_for_its_node_and_goes_on_with_its_result() {
        StateTest t = ready(request("{'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:1:function:f',"
                + " 'ResultPath': '$.r', 'End': true}", "{'v': 1}", null));
        assertThat(t.done()).isFalse();
        TaskRequest task = t.pendingTask();
        assertThat(task.input()).isEqualTo(json("{'v': 1}"));
        t.taskSucceeded(json("'done'"));
        assertThat(t.done()).isTrue();
        assertThat(t.result().output()).isEqualTo(json("{'v': 1, 'r': 'done'}"));
    }

    @Test
    void a_retrier_with_attempts_left_makes_the_state_retriable_with_its_backoff() {
        String task = "{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {},"
                + " 'Retry': [{'ErrorEquals': ['Other']}, {'ErrorEquals': ['Boom'], 'IntervalSeconds': 2,"
                + " 'MaxAttempts': 3, 'BackoffRate': 3}], 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Handle'}],"
                + " 'End': true}";
        StateTest.Mock boom = new StateTest.Mock.Failure("Boom", "it broke");
        StateTest.Request second = new StateTest.Request(task.replace('\'', '"'), null, json("{}"), Map.of(), null,
                boom, new StateTest.Configuration(1, null, null, null), INFO, NOW);
        StateTest.Result r = ready(second).result();
        assertThat(r.status()).isEqualTo(StateTest.Status.RETRIABLE);
        assertThat(r.error()).isEqualTo("Boom");
        assertThat(r.cause()).isEqualTo("it broke");
        assertThat(r.inspection().retryIndex()).isEqualTo(1);
        assertThat(r.inspection().retryBackoffIntervalSeconds()).isEqualTo(6);
        assertThat(r.output()).isNull();

        StateTest.Request spent = new StateTest.Request(task.replace('\'', '"'), null, json("{}"), Map.of(), null,
                boom, new StateTest.Configuration(3, null, null, null), INFO, NOW);
        StateTest.Result caught = ready(spent).result();
        assertThat(caught.status()).isEqualTo(StateTest.Status.CAUGHT_ERROR);
        assertThat(caught.nextState()).isEqualTo("Handle");
        assertThat(caught.output()).isEqualTo(json("{'Error': 'Boom', 'Cause': 'it broke'}"));
        assertThat(caught.inspection().retryIndex()).isEqualTo(1);
        assertThat(caught.inspection().catchIndex()).isZero();
    }

    @Test
    void a_map_fails_with_the_threshold_error_when_the_failed_iterations_exceed_its_tolerance() {
        String map = "{'Type': 'Map', 'ItemsPath': '$.items', 'ToleratedFailureCount': 1, 'ItemProcessor':"
                + " {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}";
        StateTest.Request within = new StateTest.Request(map.replace('\'', '"'), null, json("{'items': [1, 2, 3]}"),
                Map.of(), null, result("[1, null, 3]"), new StateTest.Configuration(null, 1, null, null), INFO, NOW);
        StateTest.Result ok = ready(within).result();
        assertThat(ok.status()).isEqualTo(StateTest.Status.SUCCEEDED);
        assertThat(ok.output()).isEqualTo(json("[1, null, 3]"));
        assertThat(ok.inspection().maxConcurrency()).isZero();
        assertThat(ok.inspection().toleratedFailureCount()).isEqualTo(1);
        assertThat(ok.inspection().data().get("afterItemsPath")).isEqualTo(json("[1, 2, 3]"));

        StateTest.Request beyond = new StateTest.Request(map.replace('\'', '"'), null, json("{'items': [1, 2, 3]}"),
                Map.of(), null, result("[1, null, null]"), new StateTest.Configuration(null, 2, null, null), INFO,
                NOW);
        StateTest.Result failed = ready(beyond).result();
        assertThat(failed.status()).isEqualTo(StateTest.Status.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");

        StateTest.Request impossible = new StateTest.Request(map.replace('\'', '"'), null,
                json("{'items': [1, 2, 3]}"), Map.of(), null, result("[]"),
                new StateTest.Configuration(null, 4, null, null), INFO, NOW);
        assertThat(ready(impossible).rejection().message()).isEqualTo(
                "Map iteration failure count must be less than or equal to the number of Map iterations");
    }

    @Test
    void a_state_of_a_whole_definition_is_found_by_name_even_inside_a_map() {
        String machine = "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemProcessor': {'StartAt': 'Inner',"
                + " 'States': {'Inner': {'Type': 'Pass', 'Result': 'x', 'End': true}}}, 'End': true}}}";
        StateTest.Request r = new StateTest.Request(machine.replace('\'', '"'), "Inner", json("{}"), Map.of(), null,
                null, null, INFO, NOW);
        assertThat(ready(r).result().output()).isEqualTo(json("'x'"));
        StateTest.Request missing = new StateTest.Request(machine.replace('\'', '"'), "Nowhere", json("{}"),
                Map.of(), null, null, null, INFO, NOW);
        assertThat(rejected(missing)).isEqualTo(new StateTest.Rejection(StateTest.Rejection.Kind.VALIDATION,
                "State not found in definition"));
    }

    @Test
    void a_mock_is_refused_for_states_that_do_no_work_and_required_for_maps_and_parallels() {
        assertThat(rejected(request("{'Type': 'Pass', 'End': true}", "{}", result("{}"))).message())
                .isEqualTo("State type 'Pass' is not supported when a mock is specified");
        StateTest.Rejection map = rejected(request("{'Type': 'Parallel', 'Branches': [{'StartAt': 'A', 'States':"
                + " {'A': {'Type': 'Pass', 'End': true}}}], 'End': true}", "{}", null));
        assertThat(map.kind()).isEqualTo(StateTest.Rejection.Kind.INVALID_DEFINITION);
        assertThat(rejected(request("{'Type': 'Parallel', 'Branches': [{'StartAt': 'A', 'States':"
                + " {'A': {'Type': 'Pass', 'End': true}}}], 'End': true}", "{}", result("[1, 2]"))).message())
                .isEqualTo("Mocked result must contain the same number of items as number of Parallel branches.");
    }

    @Test
    void a_wait_state_does_not_wait_and_a_choice_names_its_next_state() {
        StateTest.Result waited = ready(request("{'Type': 'Wait', 'Seconds': 3600, 'Next': 'After'}", "{'a': 1}",
                null)).result();
        assertThat(waited.status()).isEqualTo(StateTest.Status.SUCCEEDED);
        assertThat(waited.nextState()).isEqualTo("After");
        StateTest.Result chose = ready(request("{'Type': 'Choice', 'Choices': [{'Variable': '$.a',"
                + " 'NumericEquals': 1, 'Next': 'One'}], 'Default': 'Other'}", "{'a': 1}", null)).result();
        assertThat(chose.nextState()).isEqualTo("One");
        StateTest.Result none = ready(request("{'Type': 'Choice', 'Choices': [{'Variable': '$.a',"
                + " 'NumericEquals': 2, 'Next': 'Two'}]}", "{'a': 1}", null)).result();
        assertThat(none.status()).isEqualTo(StateTest.Status.FAILED);
        assertThat(none.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void variables_given_are_seen_by_the_state_and_reported_with_those_it_assigns() {
        StateTest.Request r = new StateTest.Request("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\","
                + " \"Output\": \"{% $greeting & '!' %}\", \"Assign\": {\"count\": \"{% $count + 1 %}\"},"
                + " \"End\": true}", null, json("{}"), Map.of("greeting", json("'hi'"), "count", json("1")), null,
                null, null, INFO, NOW);
        StateTest.Result out = ready(r).result();
        assertThat(out.output()).isEqualTo(json("'hi!'"));
        assertThat(out.inspection().data().get("variables")).isEqualTo(json("{'greeting': 'hi', 'count': 2}"));
    }

    @Test
    void a_context_object_given_replaces_the_generated_one() {
        ObjectNode context = (ObjectNode) json("{'Execution': {'Name': 'given'}}");
        StateTest.Request r = new StateTest.Request(("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',"
                + " 'Parameters': {'n.$': '$$.Execution.Name'}, 'ResultPath': null, 'End': true}")
                .replace('\'', '"'), null, json("{}"), Map.of(), context, result("{}"), null, INFO, NOW);
        assertThat(ready(r).result().inspection().data().get("afterParameters")).isEqualTo(json("{'n': 'given'}"));
        ObjectNode task = (ObjectNode) json("{'Task': {'Token': 't'}}");
        StateTest.Request wrong = new StateTest.Request(r.definition(), null, json("{}"), Map.of(), task,
                result("{}"), null, INFO, NOW);
        assertThat(rejected(wrong).message()).isEqualTo("Invalid Context object provided: Context object contains"
                + " 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration"
                + " pattern");
    }
}
