package io.conflux.asl.jsonata;

import static io.conflux.asl.jsonata.Jsonatas.eval;
import static io.conflux.asl.jsonata.Jsonatas.input;
import static io.conflux.asl.jsonata.Jsonatas.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import org.junit.jupiter.api.Test;

class JsonataNumbersTest {

    @Test
    void integers_stay_integers() {
        JsonNode n = eval("$states.input.n", input("{\"n\":7}"));
        assertThat(n.isIntegralNumber()).isTrue();
        assertThat(Json.write(n)).isEqualTo("7");
        // recorded: $sum($states.input.input_values) + $var_constant_1 is 7
        assertThat(Json.write(eval("$sum([1,2,3]) + 1"))).isEqualTo("7");
    }

    @Test
    void a_whole_result_of_arithmetic_is_written_without_a_fraction() {
        assertThat(Json.write(eval("10 / 5"))).isEqualTo("2");
        assertThat(Json.write(eval("2.5 * 2"))).isEqualTo("5");
        assertThat(Json.write(eval("$states.input.x * 1.0", input("{\"x\":3}")))).isEqualTo("3");
    }

    @Test
    void decimals_keep_their_value() {
        assertThat(Json.write(eval("0.1"))).isEqualTo("0.1");
        assertThat(Json.write(eval("10 / 4"))).isEqualTo("2.5");
        assertThat(Json.write(eval("0.1 + 0.2"))).isEqualTo("0.30000000000000004");
        assertThat(Json.write(eval("$states.input.d", input("{\"d\":27.91}")))).isEqualTo("27.91");
    }

    @Test
    void a_whole_decimal_in_the_input_reads_as_the_integer_javascript_sees() {
        assertThat(eval("$string($states.input.x)", input("{\"x\":1.0}")).asText()).isEqualTo("1");
        assertThat(eval("$states.input.x = 1", input("{\"x\":1.0}")).asBoolean()).isTrue();
    }

    @Test
    void integers_beyond_a_double_lose_precision_as_in_javascript() {
        assertThat(Json.write(eval("$states.input.big + 1", input("{\"big\":9007199254740993}"))))
                .isEqualTo("9007199254740992");
        assertThat(Json.write(eval("$parse('12345678901234567890') * 1"))).isEqualTo("12345678901234567000");
    }

    @Test
    void numbers_in_objects_and_arrays_follow_the_same_rules() {
        assertThat(Json.write(eval("{'a': 4/2, 'b': [0.5, 3*1.0]}"))).isEqualTo("{\"a\":2,\"b\":[0.5,3]}");
    }

    @Test
    void messages_write_numbers_as_javascript_does() {
        assertThat(JsText.number(1.0)).isEqualTo("1");
        assertThat(JsText.number(0.1)).isEqualTo("0.1");
        assertThat(JsText.number(1e21)).isEqualTo("1e+21");
        assertThat(JsText.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(JsText.number(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(JsText.number(0.000001)).isEqualTo("0.000001");
        assertThat(JsText.number(-123.456)).isEqualTo("-123.456");
        assertThat(JsText.json(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void a_json_null_input_value_is_null() {
        assertThat(eval("$states.input.n", input("{\"n\":null}"))).isEqualTo(json("null"));
    }
}
