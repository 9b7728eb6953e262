package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathFunctionsTest {

    /** The recorded AWS results: each operand is rounded half up (Java's Math.round) before adding. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({"-9, 3, -6", "1.49, 1.50, 3", "1.5, 1.51, 4", "-1.49, -1.5, -2", "-1.5, -1.51, -3", "1.49, 0, 1",
        "1.49, -1.49, 0", "1.5, 0, 2", "1.51, 0, 2", "-1.5, 0, -1", "-1.51, 0, -2", "0.5, 0, 1", "2.5, 0, 3",
        "3.5, 0, 4", "-0.5, 0.5, 1", "-0.5, 0, 0", "-2.5, 0, -2", "-3.5, 0, -3"})
    void math_add_rounds_each_operand_half_up(String a, String b, String sum) {
        assertThat(eval("States.MathAdd($.a, $.b)", "{\"a\": " + a + ", \"b\": " + b + "}"))
                .isEqualTo(json(sum));
    }

    @Test
    void math_add_of_32_bit_values_is_exact() {
        assertThat(eval("States.MathAdd(2147483647, 1)")).isEqualTo(json("2147483648"));
        assertThat(eval("States.MathAdd($.i, -1)", "{\"i\": 111}")).isEqualTo(json("110"));
    }

    @Test
    void math_add_rejects_values_beyond_32_bits() {
        assertThat(loadError("States.MathAdd(2147483648, 1)")).isEqualTo("Expected the first number of "
                + "States.MathAdd to be between -2147483648 and 2147483647, but got 2147483648 in "
                + "'States.MathAdd(2147483648, 1)'");
        assertThat(runtimeCause("States.MathAdd($.a, 1)", "{\"a\": -2147483648.6}")).isEqualTo(
                "The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in States.MathAdd");
    }

    @Test
    void math_add_takes_only_numbers() {
        assertThat(runtimeCause("States.MathAdd($.a, $.b)", "{\"a\": 1, \"b\": \"NOT A NUMBER\"}")).isEqualTo(
                "The function 'States.MathAdd($.a, $.b)' had the following error: Invalid arguments in States.MathAdd");
        assertThat(loadError("States.MathAdd(true, 1)")).isEqualTo("Expected the 1st argument of States.MathAdd "
                + "(the first number) to be a number, but got the boolean true in 'States.MathAdd(true, 1)'");
    }
}
