package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static io.conflux.asl.intrinsic.IntrinsicTesting.scopeWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomFunctionsTest {

    @Test
    void math_random_draws_an_integer_from_start_inclusive_to_end_exclusive() {
        Scope scope = scopeWith(new Random(7), "{\"s\": -99999, \"e\": -9999}");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            JsonNode v = eval("States.MathRandom(1, 4)", scope);
            assertThat(v.isInt()).isTrue();
            seen.add(v.intValue());
            assertThat(eval("States.MathRandom($.s, $.e)", scope).intValue()).isBetween(-99999, -10000);
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void math_random_reads_randomness_from_the_scope() {
        String expression = "States.MathRandom(0, 1000000)";
        assertThat(eval(expression, scopeWith(new Random(42), "{}")))
                .isEqualTo(eval(expression, scopeWith(new Random(42), "{}")));
    }

    @Test
    void math_random_with_a_seed_depends_on_the_seed_alone() {
        String expression = "States.MathRandom($.s, $.e, $.seed)";
        String input = "{\"s\": 0, \"e\": 999, \"seed\": 3}";
        JsonNode first = eval(expression, scopeWith(new Random(1), input));
        assertThat(eval(expression, scopeWith(new Random(2), input))).isEqualTo(first);
        assertThat(first.intValue()).isBetween(0, 998);
        assertThat(eval("States.MathRandom(0, 999, 3)")).isEqualTo(first);
    }

    @Test
    void math_random_truncates_decimal_bounds() {
        Scope scope = scopeWith(new Random(3), "{}");
        for (int i = 0; i < 200; i++) {
            assertThat(eval("States.MathRandom(1.6, 5.4)", scope).intValue()).isBetween(1, 4);
        }
    }

    @Test
    void math_random_needs_start_below_end() {
        assertThat(runtimeCause("States.MathRandom($.s, $.e)", "{\"s\": 1.4, \"e\": 1.6}")).isEqualTo(
                "The function 'States.MathRandom($.s, $.e)' had the following error: "
                        + "Invalid arguments in States.MathRandom");
        assertThat(runtimeCause("States.MathRandom(10, 5)", "{}")).isEqualTo(
                "The function 'States.MathRandom(10, 5)' had the following error: "
                        + "Invalid arguments in States.MathRandom");
    }

    @Test
    void math_random_takes_only_numbers() {
        assertThat(loadError("States.MathRandom(1, 10, 'seed')")).isEqualTo("Expected the 3rd argument of "
                + "States.MathRandom (the seed) to be a number, but got the string 'seed' in "
                + "'States.MathRandom(1, 10, 'seed')'");
        assertThat(runtimeCause("States.MathRandom($.s, 10)", "{\"s\": \"a\"}")).isEqualTo(
                "The function 'States.MathRandom($.s, 10)' had the following error: "
                        + "Invalid arguments in States.MathRandom");
    }

    @Test
    void uuid_is_a_version_4_uuid_drawn_from_the_scope() {
        JsonNode first = eval("States.UUID()", scopeWith(new Random(5), "{}"));
        UUID uuid = UUID.fromString(first.textValue());
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(first.textValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(eval("States.UUID()", scopeWith(new Random(5), "{}"))).isEqualTo(first);
        assertThat(eval("States.UUID()", scopeWith(new Random(6), "{}"))).isNotEqualTo(first);
    }

    @Test
    void uuid_uses_the_default_randomness_of_a_scope() {
        assertThat(eval("States.UUID()")).isNotEqualTo(eval("States.UUID()"));
    }
}
