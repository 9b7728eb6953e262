package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.SimpleScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Path arguments that select nothing fail with States.Runtime and AWS's wording. */
class PathArgumentTest {

    @Test
    void a_missing_member_names_the_whole_expression_the_path_and_the_input() {
        assertThat(runtimeCause("States.Format('{}', $.nope)", "{\"other\":1}")).isEqualTo(
                "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the "
                        + "field '$.nope' could not be found in the input '{\"other\":1}'");
    }

    @Test
    void the_expression_is_echoed_as_written() {
        assertThat(runtimeCause("States.Format('{} {}',$.other,  $.a.b)", "{\"other\": 1}")).isEqualTo(
                "The function 'States.Format('{} {}',$.other,  $.a.b)' had the following error: The JsonPath "
                        + "argument for the field '$.a.b' could not be found in the input '{\"other\":1}'");
    }

    @Test
    void a_nested_call_fails_naming_the_outer_expression() {
        assertThat(runtimeCause("States.Format('{}', States.Format('{}', $.nope))", "{}")).isEqualTo(
                "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: The "
                        + "JsonPath argument for the field '$.nope' could not be found in the input '{}'");
    }

    @Test
    void a_missing_template_path_fails_too() {
        assertThat(runtimeCause("States.Format($.nope, 1)", "{\"other\":1}")).isEqualTo(
                "The function 'States.Format($.nope, 1)' had the following error: The JsonPath argument for the "
                        + "field '$.nope' could not be found in the input '{\"other\":1}'");
    }

    @Test
    void an_index_past_the_end_of_an_array_is_missing() {
        assertThat(runtimeCause("States.Format('{}', $.items[5])", "{\"items\":[1,2]}")).isEqualTo(
                "The function 'States.Format('{}', $.items[5])' had the following error: The JsonPath argument for "
                        + "the field '$.items[5]' could not be found in the input '{\"items\":[1,2]}'");
        assertThat(runtimeCause("States.Format('{}', $.items[5].x)", "{\"items\":[1]}")).isEqualTo(
                "The function 'States.Format('{}', $.items[5].x)' had the following error: The JsonPath argument for"
                        + " the field '$.items[5].x' could not be found in the input '{\"items\":[1]}'");
    }

    @Test
    void indexing_a_value_that_is_not_an_array_reports_the_jsonpath_library_sentence() {
        assertThat(runtimeCause("States.Format('{}', $.other[0])", "{\"other\":1}")).isEqualTo(
                "The function 'States.Format('{}', $.other[0])' had the following error: Filter: [0] can only be "
                        + "applied to arrays. Current context is: 1");
    }

    @Test
    void a_context_path_names_itself_with_one_dollar_and_shows_the_state_input() {
        SimpleScope scope = new SimpleScope(json("{\"other\":1}"), json("{\"State\":{\"Name\":\"P\"}}"), null);
        assertThat(runtimeCause("States.Format('{}', $$.Nope.Deep)", scope)).isEqualTo(
                "The function 'States.Format('{}', $$.Nope.Deep)' had the following error: The JsonPath argument for"
                        + " the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'");
    }

    @Test
    void an_unbound_variable_is_missing() {
        SimpleScope scope = new SimpleScope(json("{}"), json("{}"), Map.of("x", json("{\"y\": 1}")));
        assertThat(runtimeCause("States.Array($nope)", scope)).isEqualTo("The function 'States.Array($nope)' had the"
                + " following error: The JsonPath argument for the field '$nope' could not be found in the input '{}'");
        assertThat(runtimeCause("States.Array($x.z)", scope)).isEqualTo("The function 'States.Array($x.z)' had the"
                + " following error: The JsonPath argument for the field '$x.z' could not be found in the input '{}'");
    }

    @Test
    void every_function_fails_on_a_missing_argument() {
        for (String expression : new String[] {"States.ArrayLength($.nope)", "States.Array(1, $.nope)",
            "States.JsonToString($.nope)", "States.StringToJson($.nope)", "States.MathAdd($.nope, 1)",
            "States.ArrayContains($.nope, 1)", "States.JsonMerge($.nope, $.other, false)"}) {
            assertThat(runtimeCause(expression, "{\"other\":1}")).isEqualTo("The function '" + expression + "' had "
                    + "the following error: The JsonPath argument for the field '$.nope' could not be found in the "
                    + "input '{\"other\":1}'");
        }
    }

    @Test
    void an_explicit_null_is_a_value() {
        assertThat(eval("States.Format('{}', $.n)", "{\"n\": null}").textValue()).isEqualTo("null");
    }

    @Test
    void a_wildcard_that_matches_nothing_is_an_empty_array() {
        assertThat(eval("States.ArrayLength($.items[*].nope)", "{\"items\": [1, 2]}")).isEqualTo(json("0"));
    }

    @Test
    void the_root_alone_is_the_whole_input() {
        assertThat(eval("States.JsonToString($)", "{\"other\":1}").textValue()).isEqualTo("{\"other\":1}");
    }
}
