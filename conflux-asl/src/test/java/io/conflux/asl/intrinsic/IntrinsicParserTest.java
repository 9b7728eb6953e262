package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.asl.Asl;
import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.SimpleScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicParserTest {

    @Test
    void recognises_calls_by_their_prefix() {
        assertThat(Intrinsics.isCall("States.Array()")).isTrue();
        assertThat(Intrinsics.isCall("$.States")).isFalse();
    }

    @Test
    void reads_every_kind_of_literal() {
        assertThat(eval("States.Array('text', 12, -3, 1.5, -0.25, 1e3, true, false, null)"))
                .isEqualTo(json("[\"text\", 12, -3, 1.5, -0.25, 1000.0, true, false, null]"));
        assertThat(eval("States.Array(12)").get(0).isInt()).isTrue();
        assertThat(eval("States.Array(12345678901)").get(0).isLong()).isTrue();
    }

    @Test
    void unescapes_the_four_escapes_of_string_literals() {
        assertThat(eval("States.Array('it\\'s', '\\{\\}', 'a\\\\b')")).isEqualTo(json("[\"it's\", \"{}\", \"a\\\\b\"]"));
    }

    @Test
    void keeps_other_characters_of_string_literals_as_they_are() {
        assertThat(eval("States.StringSplit('Hello\nWorld', '\n')")).isEqualTo(json("[\"Hello\", \"World\"]"));
        assertThat(eval("States.Array('{} $.x, ) \"')")).isEqualTo(json("[\"{} $.x, ) \\\"\"]"));
    }

    @Test
    void allows_whitespace_around_arguments() {
        assertThat(eval(" States.Array (  1 ,'a'  ,  $.x ) ", "{\"x\": 2}")).isEqualTo(json("[1, \"a\", 2]"));
        assertThat(eval("States.Array(1,2)")).isEqualTo(json("[1, 2]"));
    }

    @Test
    void reads_paths_with_brackets_filters_and_quotes() {
        String input = "{\"a,b\": 1, \"items\": [{\"x\": \"y, z\"}, {\"x\": \"w\"}]}";
        assertThat(eval("States.Array($['a,b'], $.items[?(@.x == 'y, z')].x, $.items[1].x)", input))
                .isEqualTo(json("[1, [\"y, z\"], \"w\"]"));
    }

    @Test
    void reads_context_paths_and_variables() throws InvalidExpressionException {
        SimpleScope scope = new SimpleScope(json("{}"), json("{\"Execution\": {\"Name\": \"e1\"}}"),
                Map.of("greeting", json("{\"text\": \"hi\"}")));
        assertThat(eval("States.Format('{} {}', $greeting.text, $$.Execution.Name)", scope).asText())
                .isEqualTo("hi e1");
    }

    @Test
    void nests_calls() {
        String input = "{\"arn\": \"arn:aws:states:us-east-1:1:stateMachine:Alpha-Beta-Gamma\"}";
        assertThat(eval("States.ArrayGetItem(States.StringSplit($.arn, '-'), "
                + "States.MathAdd(States.ArrayLength(States.StringSplit($.arn, '-')), -1))", input).asText())
                .isEqualTo("Gamma");
    }

    @Test
    void computes_calls_with_constant_arguments_at_load_time() throws InvalidExpressionException {
        // No scope at all: the value was computed when the expression was compiled.
        assertThat(Intrinsics.compile("States.MathAdd(States.ArrayLength(States.Array(1, 2)), 3)", false)
                .evaluate(null)).isEqualTo(json("5"));
    }

    @Test
    void rejects_variables_where_they_are_not_allowed() {
        assertThatThrownBy(() -> Intrinsics.compile("States.Array($x)", false))
                .isInstanceOf(InvalidExpressionException.class)
                .hasMessage("The value '$x' is not a valid JSONPath (in 'States.Array($x)')");
    }

    @Test
    void rejects_an_unknown_function() {
        assertThat(loadError("States.Foo(1)")).isEqualTo("Expected one of the intrinsic functions States.Format, "
                + "States.StringToJson, States.JsonToString, States.Array, States.ArrayPartition, "
                + "States.ArrayContains, States.ArrayRange, States.ArrayGetItem, States.ArrayLength, "
                + "States.ArrayUnique, States.Base64Encode, States.Base64Decode, States.Hash, States.JsonMerge, "
                + "States.MathRandom, States.MathAdd, States.StringSplit, States.UUID, but got 'States.Foo' in "
                + "'States.Foo(1)'");
        assertThat(loadError("States.Array(States.format('x'))")).startsWith("Expected one of the intrinsic functions")
                .endsWith("but got 'States.format' in 'States.Array(States.format('x'))'");
    }

    @Test
    void rejects_malformed_calls_saying_where() {
        assertThat(loadError("States.Array")).isEqualTo(
                "Expected '(' after States.Array at character 13 of 'States.Array', but found the end");
        assertThat(loadError("States.Array(1")).isEqualTo(
                "Expected ',' or ')' after the 1st argument of States.Array at character 15 of 'States.Array(1', "
                        + "but found the end");
        assertThat(loadError("States.Array(1 2)")).isEqualTo(
                "Expected ',' or ')' after the 1st argument of States.Array at character 16 of 'States.Array(1 2)', "
                        + "but found '2'");
        assertThat(loadError("States.Array(1,)")).isEqualTo("Expected an argument (a string in single quotes, a "
                + "number, true, false, null, a path starting with '$' or an intrinsic function call) at character 16"
                + " of 'States.Array(1,)', but found ')'");
        assertThat(loadError("States.Array(foo)")).isEqualTo("Expected an argument (a string in single quotes, a "
                + "number, true, false, null, a path starting with '$' or an intrinsic function call) at character 14"
                + " of 'States.Array(foo)', but found 'f'");
        assertThat(loadError("States.Array() x")).isEqualTo(
                "Expected the end of the expression at character 16 of 'States.Array() x', but found 'x'");
        assertThat(loadError("States.Array(1.2.3)")).isEqualTo(
                "Expected a number at character 14 of 'States.Array(1.2.3)', but found '1'");
        assertThat(loadError("States.Array(\"x\")")).startsWith("Expected an argument");
    }

    @Test
    void rejects_unterminated_strings_and_open_escapes() {
        assertThat(loadError("States.Array('abc)")).isEqualTo(
                "Expected a closing quote for the string that starts at character 14 of 'States.Array('abc)', "
                        + "but reached the end");
        assertThat(loadError("States.Array('a\\nb')")).isEqualTo(
                "Expected one of the escapes \\', \\{, \\} or \\\\ (write \\\\ for a backslash) at character 16 of "
                        + "'States.Array('a\\nb')', but found '\\'");
    }

    @Test
    void rejects_invalid_path_arguments() {
        assertThat(loadError("States.Array($.a[)")).startsWith("The value '$.a[)' is not a valid JSONPath");
    }

    @Test
    void rejects_the_wrong_number_of_arguments() {
        assertThat(loadError("States.ArrayGetItem($.a)")).isEqualTo(
                "Expected 2 arguments for States.ArrayGetItem, but got 1 in 'States.ArrayGetItem($.a)'");
        assertThat(loadError("States.ArrayLength($.a, $.b)")).isEqualTo(
                "Expected 1 argument for States.ArrayLength, but got 2 in 'States.ArrayLength($.a, $.b)'");
        assertThat(loadError("States.MathRandom(1)")).isEqualTo(
                "Expected 2 or 3 arguments for States.MathRandom, but got 1 in 'States.MathRandom(1)'");
        assertThat(loadError("States.MathRandom(1, 2, 3, 4)")).isEqualTo(
                "Expected 2 or 3 arguments for States.MathRandom, but got 4 in 'States.MathRandom(1, 2, 3, 4)'");
        assertThat(loadError("States.Format()")).isEqualTo(
                "Expected at least 1 argument for States.Format, but got 0 in 'States.Format()'");
        assertThat(loadError("States.UUID(1)")).isEqualTo(
                "Expected no arguments for States.UUID, but got 1 in 'States.UUID(1)'");
        assertThat(loadError("States.JsonMerge($.a, $.b)")).isEqualTo(
                "Expected 3 arguments for States.JsonMerge, but got 2 in 'States.JsonMerge($.a, $.b)'");
    }

    @Test
    void rejects_literal_arguments_of_the_wrong_kind() {
        assertThat(loadError("States.ArrayLength('abc')")).isEqualTo("Expected the 1st argument of "
                + "States.ArrayLength (the array) to be an array, but got the string 'abc' in "
                + "'States.ArrayLength('abc')'");
        assertThat(loadError("States.MathAdd($.a, '1')")).isEqualTo("Expected the 2nd argument of States.MathAdd "
                + "(the second number) to be a number, but got the string '1' in 'States.MathAdd($.a, '1')'");
        assertThat(loadError("States.StringSplit(1, ',')")).isEqualTo("Expected the 1st argument of "
                + "States.StringSplit (the string) to be a string, but got the number 1 in "
                + "'States.StringSplit(1, ',')'");
        assertThat(loadError("States.JsonMerge($.a, $.b, null)")).isEqualTo("Expected the 3rd argument of "
                + "States.JsonMerge (the deep merge flag) to be a boolean, but got null in "
                + "'States.JsonMerge($.a, $.b, null)'");
        assertThat(loadError("States.Format(1)")).isEqualTo("Expected the 1st argument of States.Format "
                + "(the template) to be a string, but got the number 1 in 'States.Format(1)'");
    }

    @Test
    void rejects_constant_calls_that_fail_naming_the_inner_call() {
        assertThat(loadError("States.Array(States.ArrayGetItem(States.Array(1), 3))")).isEqualTo(
                "Expected the index of States.ArrayGetItem to be less than the array's length 1, but got 3 in "
                        + "'States.ArrayGetItem(States.Array(1), 3)'");
    }

    @Test
    void leaves_calls_that_draw_randomness_to_run_time() throws InvalidExpressionException {
        var uuid = Intrinsics.compile("States.UUID()", false);
        var scope = IntrinsicTesting.scopeWith(new java.util.Random(1), "{}");
        assertThat(uuid.evaluate(scope)).isNotEqualTo(uuid.evaluate(scope));
    }

    @Test
    void load_time_errors_become_diagnostics_of_the_definition() {
        ParseResult result = Asl.parse("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                + "\"Parameters\": {\"x.$\": \"States.ArrayLength('a')\"}, \"End\": true}}}");
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCodes.SCHEMA_VALIDATION_FAILED);
            assertThat(d.location()).isEqualTo("/States/P/Parameters");
            assertThat(d.message()).isEqualTo(
                    "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call");
            assertThat(d.detail()).isEqualTo("Expected the 1st argument of States.ArrayLength (the array) to be an "
                    + "array, but got the string 'a' in 'States.ArrayLength('a')'");
        });
    }

    @Test
    void reports_its_source_text() throws InvalidExpressionException {
        assertThat(Intrinsics.compile("States.Array( 1 )", false).text()).isEqualTo("States.Array( 1 )");
    }
}
