package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import org.junit.jupiter.api.Test;

class JsonFunctionsTest {

    private static JsonNode parse(String text) {
        return eval("States.StringToJson($.s)", "{\"s\": " + io.conflux.asl.expr.Json.write(
                io.conflux.asl.expr.Json.NODES.textNode(text)) + "}");
    }

    @Test
    void string_to_json_parses_every_kind_of_value() {
        assertThat(parse("{\"Arg1\": 1, \"Arg2\": []}")).isEqualTo(json("{\"Arg1\": 1, \"Arg2\": []}"));
        assertThat(parse("[1, 2, \"HelloWorld\"]")).isEqualTo(json("[1, 2, \"HelloWorld\"]"));
        assertThat(parse("\"HelloWorld\"")).isEqualTo(json("\"HelloWorld\""));
        assertThat(parse("true")).isEqualTo(json("true"));
        assertThat(parse("1.1")).isEqualTo(json("1.1"));
        assertThat(parse("-0")).isEqualTo(json("0"));
        assertThat(parse("null").isNull()).isTrue();
    }

    @Test
    void string_to_json_answers_null_for_blank_text_as_aws_does() {
        assertThat(parse("").isNull()).isTrue();
        assertThat(parse(" ").isNull()).isTrue();
    }

    @Test
    void string_to_json_accepts_a_literal() {
        assertThat(eval("States.StringToJson('{\"a\": [1, 2]}')")).isEqualTo(json("{\"a\": [1, 2]}"));
    }

    @Test
    void string_to_json_rejects_text_that_is_not_json() {
        assertThat(runtimeCause("States.StringToJson($.s)", "{\"s\": \"{oops\"}")).isEqualTo(
                "The function 'States.StringToJson($.s)' had the following error: "
                        + "Invalid arguments in States.StringToJson");
        assertThat(runtimeCause("States.StringToJson($.s)", "{\"s\": \"1 2\"}")).isEqualTo(
                "The function 'States.StringToJson($.s)' had the following error: "
                        + "Invalid arguments in States.StringToJson");
        assertThat(loadError("States.StringToJson('{oops')")).startsWith("Expected the argument of "
                + "States.StringToJson to be JSON text, but the string '{oops' is not: ");
    }

    @Test
    void string_to_json_rejects_what_is_not_a_string() {
        assertThat(runtimeCause("States.StringToJson($.s)", "{\"s\": {\"a\": 1}}")).isEqualTo(
                "The function 'States.StringToJson($.s)' had the following error: "
                        + "Invalid arguments in States.StringToJson");
    }

    @Test
    void json_to_string_writes_compact_json() {
        assertThat(eval("States.JsonToString($.v)", "{\"v\": {\"Arg1\": 1, \"Arg2\": []}}").textValue())
                .isEqualTo("{\"Arg1\":1,\"Arg2\":[]}");
        assertThat(eval("States.JsonToString($.v)", "{\"v\": [1, 2, \"HelloWorld\"]}").textValue())
                .isEqualTo("[1,2,\"HelloWorld\"]");
        assertThat(eval("States.JsonToString($.v)", "{\"v\": \"HelloWorld\"}").textValue())
                .isEqualTo("\"HelloWorld\"");
        assertThat(eval("States.JsonToString($.v)", "{\"v\": 1.1}").textValue()).isEqualTo("1.1");
        assertThat(eval("States.JsonToString($.v)", "{\"v\": 0}").textValue()).isEqualTo("0");
        assertThat(eval("States.JsonToString($.v)", "{\"v\": null}").textValue()).isEqualTo("null");
        assertThat(eval("States.JsonToString($)", "{\"other\": 1}").textValue()).isEqualTo("{\"other\":1}");
    }

    @Test
    void json_merge_replaces_members_of_the_first_object_without_merging_nested_ones() {
        assertThat(eval("States.JsonMerge($.a, $.b, false)", "{\"a\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2, "
                + "\"d\": 3}, \"b\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3, \"d\": 4}}"))
                .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}"));
    }

    @Test
    void json_merge_leaves_its_inputs_untouched() {
        JsonNode input = json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2, \"y\": 3}}");
        eval("States.JsonMerge($.a, $.b, false)", Scope.ofInput(input));
        assertThat(input).isEqualTo(json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2, \"y\": 3}}"));
    }

    @Test
    void json_merge_supports_only_shallow_merging() {
        assertThat(loadError("States.JsonMerge($.a, $.b, true)")).isEqualTo("Expected the third argument of "
                + "States.JsonMerge to be false, but got true: Step Functions only supports shallow merging in "
                + "'States.JsonMerge($.a, $.b, true)'");
        assertThat(runtimeCause("States.JsonMerge($.a, $.b, $.deep)", "{\"a\": {}, \"b\": {}, \"deep\": true}"))
                .isEqualTo("The function 'States.JsonMerge($.a, $.b, $.deep)' had the following error: "
                        + "Invalid arguments in States.JsonMerge");
    }

    @Test
    void json_merge_takes_only_objects() {
        assertThat(runtimeCause("States.JsonMerge($.a, $.b, false)", "{\"a\": {}, \"b\": [1]}")).isEqualTo(
                "The function 'States.JsonMerge($.a, $.b, false)' had the following error: "
                        + "Invalid arguments in States.JsonMerge");
        assertThat(loadError("States.JsonMerge($.a, 'x', false)")).isEqualTo("Expected the 2nd argument of "
                + "States.JsonMerge (the second object) to be an object, but got the string 'x' in "
                + "'States.JsonMerge($.a, 'x', false)'");
    }

    @Test
    void json_merge_takes_an_object_parsed_from_a_literal() {
        assertThat(eval("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.f, false)",
                "{\"f\": {\"constant_input_field\": \"constant_value\"}}")).isEqualTo(json(
                "{\"constant_in_literal\": \"false\", \"constant_input_field\": \"constant_value\"}"));
    }
}
