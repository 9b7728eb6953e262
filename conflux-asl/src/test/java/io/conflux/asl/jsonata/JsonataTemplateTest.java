package io.conflux.asl.jsonata;

import static io.conflux.asl.jsonata.Jsonatas.causeOf;
import static io.conflux.asl.jsonata.Jsonatas.input;
import static io.conflux.asl.jsonata.Jsonatas.json;
import static io.conflux.asl.jsonata.Jsonatas.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonataTemplateTest {

    @Test
    void a_template_without_expressions_is_the_definitions_own_node() {
        JsonNode definition = json("{\"a\":[1,{\"b\":null}],\"c\":\"text\"}");
        JsonataTemplate t = JsonataCompiler.compileTemplate(definition, "Output", "/Output", Jsonatas.NONE);
        assertThat(t).isInstanceOf(JsonataTemplate.Literal.class);
        assertThat(t.evaluate(input("{}"))).isSameAs(definition);
    }

    @Test
    void only_strings_that_are_exactly_delimited_are_expressions() {
        // recorded by AWS (TestState and Task Arguments): padded or path-looking strings stay literal
        JsonataTemplate t = template("{\"padded\":\" {% states.input %} \",\"path\":\"$states.input\","
                + "\"jsonpath\":\"$.input_value\",\"key.$\":\"$\",\"intrinsic\":\"States.Format('{}', 1)\"}", "Output");
        assertThat(t).isInstanceOf(JsonataTemplate.Literal.class);
        assertThat(JsonataCompiler.isExpression(" {% $x %}")).isFalse();
        assertThat(JsonataCompiler.isExpression("{% $x %} ")).isFalse();
        assertThat(JsonataCompiler.isExpression("{%$x%}")).isTrue();
    }

    @Test
    void expressions_anywhere_in_objects_and_arrays_are_evaluated() {
        JsonataTemplate t = template("{\"sum\":\"{% $sum($states.input.values) %}\",\"list\":[1,\"{% $states.input.name %}\","
                + "{\"deep\":\"{% $states.input.values[0] %}\"}],\"literal\":\"{% is just text\"}", "Output");
        assertThat(t.evaluate(input("{\"values\":[1,2,3],\"name\":\"n\"}")))
                .isEqualTo(json("{\"sum\":6,\"list\":[1,\"n\",{\"deep\":1}],\"literal\":\"{% is just text\"}"));
    }

    @Test
    void static_subtrees_are_shared_between_evaluations() {
        JsonNode definition = json("{\"static\":{\"big\":[1,2,3]},\"dynamic\":\"{% $states.input %}\"}");
        JsonataTemplate t = JsonataCompiler.compileTemplate(definition, "Output", "/Output", Jsonatas.NONE);
        JsonNode first = t.evaluate(input("{\"x\":1}"));
        JsonNode second = t.evaluate(input("{\"x\":2}"));
        assertThat(first.get("static")).isSameAs(definition.get("static")).isSameAs(second.get("static"));
        assertThat(first.get("dynamic")).isEqualTo(json("{\"x\":1}"));
        assertThat(second.get("dynamic")).isEqualTo(json("{\"x\":2}"));
    }

    @Test
    void an_unchanged_input_value_comes_out_as_the_same_node() {
        JsonNode in = json("{\"order\":{\"id\":7,\"lines\":[1,2]}}");
        JsonNode out = template("{\"o\":\"{% $states.input.order %}\"}", "Output")
                .evaluate(new io.conflux.asl.expr.SimpleScope(in, json("{}"), java.util.Map.of()));
        assertThat(out.get("o")).isSameAs(in.get("order"));
    }

    @Test
    void a_whole_field_can_be_one_expression_or_any_literal() {
        assertThat(template("\"{% $states.input %}\"", "Output").evaluate(input("{\"a\":1}")))
                .isEqualTo(json("{\"a\":1}"));
        assertThat(template("0.1", "Output").evaluate(input("{}"))).isEqualTo(json("0.1"));
        assertThat(template("\"string literal\"", "Output").evaluate(input("{}")).asText()).isEqualTo("string literal");
        assertThat(template("[]", "Output").evaluate(input("{}"))).isEqualTo(json("[]"));
    }

    @Test
    void a_failing_value_names_its_key_under_the_field() {
        assertThat(causeOf(() -> template("{\"result\":\"{% $doesNotExist %}\"}", "Output").evaluate(input("{}"))))
                .isEqualTo("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned "
                        + "nothing (undefined).");
        assertThat(causeOf(() -> template("{\"a\":{\"b\":[0,\"{% $nope %}\"]}}", "Arguments").evaluate(input("{}"))))
                .isEqualTo("The JSONata expression '$nope' specified for the field 'Arguments/a/b[1]' returned nothing "
                        + "(undefined).");
    }

    @Test
    void every_bad_expression_is_reported_at_its_own_pointer() {
        Jsonatas.Collected problems = new Jsonatas.Collected();
        JsonataTemplate t = JsonataCompiler.compileTemplate(json("{\"a\":\"{% 1 + %}\",\"b\":[\"{% $$ %}\"],\"c\":1}"),
                "Output", "/States/E/Output", problems);
        assertThat(t).isNull();
        assertThat(problems.all).containsExactly(
                "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/E/Output/a",
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/E/Output/b/0");
    }

    @Test
    void the_templates_expressions_are_listed_for_validation() {
        JsonataTemplate t = template("{\"a\":\"{% $states.errorOutput %}\",\"b\":[\"{% $x + $states.input.y %}\"]}",
                "Output");
        assertThat(t.expressions()).extracting(JsonataExpr::field).containsExactly("Output/a", "Output/b[0]");
        assertThat(t.expressions().get(0).statesFields()).containsExactly("errorOutput");
        assertThat(t.expressions().get(1).variables()).containsExactly("x");
    }

    @Test
    void states_fields_a_field_does_not_offer_are_refused_at_load() {
        // measured by others against AWS: $states.errorOutput outside a Catch is refused with this text
        Jsonatas.Collected problems = new Jsonatas.Collected();
        JsonataTemplate t = JsonataCompiler.compileTemplate(json("{\"e\":\"{% $states.errorOutput %}\"}"), "Output",
                "/States/Main/Output", problems, java.util.Set.of("input", "context", "result"));
        assertThat(t).isNull();
        assertThat(problems.all).containsExactly("UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput' does not "
                + "exist. at /States/Main/Output/e");
    }
}
