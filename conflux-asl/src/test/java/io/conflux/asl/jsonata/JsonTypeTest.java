package io.conflux.asl.jsonata;

import static io.conflux.asl.jsonata.Jsonatas.expr;
import static io.conflux.asl.jsonata.Jsonatas.input;
import static io.conflux.asl.jsonata.Jsonatas.json;
import static io.conflux.asl.jsonata.Jsonatas.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.conflux.asl.expr.StatesException;
import org.junit.jupiter.api.Test;

/** Typed evaluation, and the field every JSONata failure names as its location. */
class JsonTypeTest {

    @Test
    void integer_takes_whole_numbers_in_any_notation_and_nothing_else() {
        assertThat(JsonType.INTEGER.matches(json("5"))).isTrue();
        assertThat(JsonType.INTEGER.matches(json("5.0"))).isTrue();
        assertThat(JsonType.INTEGER.matches(json("5e2"))).isTrue();
        assertThat(JsonType.INTEGER.matches(json("5.5"))).isFalse();
        assertThat(JsonType.INTEGER.matches(json("\"5\""))).isFalse();
        assertThat(JsonType.INTEGER.matches(json("true"))).isFalse();
    }

    @Test
    void a_value_of_the_wrong_type_fails_with_awss_message_and_the_field_as_location() {
        StatesException e = catchThrowableOfType(StatesException.class,
                () -> expr("$states.input.n").evaluate(input("{\"n\":\"7\"}"), JsonType.INTEGER));
        assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(e.cause()).endsWith("returned an unexpected result type. Expected 'integer', but was 'string' for"
                + " value: \"7\"");
        assertThat(e.location()).isEqualTo(expr("1").field());
    }

    @Test
    void a_failure_inside_a_template_is_located_at_the_path_of_its_value() {
        StatesException e = catchThrowableOfType(StatesException.class,
                () -> template("{\"a\":[{\"b\":\"{% $x.y() %}\"}]}", "Arguments").evaluate(input("{}")));
        assertThat(e.location()).isEqualTo("Arguments/a[0]/b");
        assertThat(e.cause()).startsWith("The JSONata expression '$x.y()' specified for the field 'Arguments/a[0]/b'");
    }
}
