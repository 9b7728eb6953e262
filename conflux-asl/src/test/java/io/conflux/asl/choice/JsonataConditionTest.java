package io.conflux.asl.choice;

import static io.conflux.asl.choice.Rules.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.expr.ValueExpr;
import org.junit.jupiter.api.Test;

/** A JSONata Condition must evaluate to a boolean; anything else fails the state as AWS words it. */
class JsonataConditionTest {

    private static Rule.Jsonata returning(JsonNode result) {
        ValueExpr expr = new ValueExpr() {
            @Override
            public JsonNode evaluate(Scope scope) {
                return result;
            }

            @Override
            public String text() {
                return "{% $states.input.x %}";
            }
        };
        return new Rule.Jsonata(expr, JsonataRules.inner(expr.text()));
    }

    private static final Scope SCOPE = Scope.ofInput(json("{}"));

    @Test
    void a_boolean_result_decides() {
        assertThat(returning(json("true")).test(SCOPE)).isTrue();
        assertThat(returning(json("false")).test(SCOPE)).isFalse();
    }

    @Test
    void any_other_result_is_a_query_evaluation_error() {
        assertThatThrownBy(() -> returning(json("'yes'")).test(SCOPE))
                .isInstanceOfSatisfying(StatesException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '$states.input.x' specified for the field "
                            + "'Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for"
                            + " value: \"yes\"");
                });
        assertThatThrownBy(() -> returning(json("{'a': 1}")).test(SCOPE))
                .hasMessageEndingWith("Expected 'boolean', but was 'object' for value: {\"a\":1}");
        assertThatThrownBy(() -> returning(json("null")).test(SCOPE))
                .hasMessageEndingWith("Expected 'boolean', but was 'null' for value: null");
        assertThatThrownBy(() -> returning(json("0")).test(SCOPE))
                .hasMessageEndingWith("Expected 'boolean', but was 'number' for value: 0");
    }

    @Test
    void an_undefined_result_is_reported_as_nothing() {
        assertThatThrownBy(() -> returning(null).test(SCOPE))
                .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$states.input.x' specified for the field 'Condition' returned nothing"
                                + " (undefined)."));
    }

    @Test
    void quotes_the_expression_without_its_delimiters() {
        assertThat(JsonataRules.inner("  {%   $a = 1 %} ")).isEqualTo("$a = 1");
        assertThat(JsonataRules.inner("{%$a%}")).isEqualTo("$a");
    }
}
