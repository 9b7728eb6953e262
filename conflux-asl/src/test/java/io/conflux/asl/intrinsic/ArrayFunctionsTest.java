package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import org.junit.jupiter.api.Test;

class ArrayFunctionsTest {

    @Test
    void array_collects_its_arguments_in_order_sharing_them() {
        JsonNode input = json("{\"o\": {\"k\": [1]}, \"n\": null}");
        JsonNode out = eval("States.Array($.o, $.n, 'x', 1.1)", Scope.ofInput(input));
        assertThat(out).isEqualTo(json("[{\"k\": [1]}, null, \"x\", 1.1]"));
        assertThat(out.get(0)).isSameAs(input.get("o"));
        assertThat(eval("States.Array()")).isEqualTo(json("[]"));
    }

    @Test
    void array_partition_chunks_keeping_a_shorter_last_chunk() {
        assertThat(eval("States.ArrayPartition($.a, 4)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"))
                .isEqualTo(json("[[1,2,3,4],[5,6,7,8],[9]]"));
        assertThat(eval("States.ArrayPartition($.a, 5)", "{\"a\": [0,1,2]}")).isEqualTo(json("[[0,1,2]]"));
        assertThat(eval("States.ArrayPartition($.a, 1)", "{\"a\": []}")).isEqualTo(json("[]"));
    }

    @Test
    void array_partition_truncates_a_decimal_chunk_size() {
        assertThat(eval("States.ArrayPartition($.a, 2.6)", "{\"a\": [1,2,3,4,5]}")).isEqualTo(json("[[1,2],[3,4],[5]]"));
    }

    @Test
    void array_partition_rejects_a_chunk_size_below_one() {
        assertThat(runtimeCause("States.ArrayPartition($.a, $.n)", "{\"a\": [1], \"n\": 0.6}")).isEqualTo(
                "The function 'States.ArrayPartition($.a, $.n)' had the following error: "
                        + "Invalid arguments in States.ArrayPartition");
        assertThat(loadError("States.ArrayPartition($.a, -1)")).isEqualTo("Expected the chunk size of "
                + "States.ArrayPartition to be a positive integer, but got -1 in 'States.ArrayPartition($.a, -1)'");
    }

    @Test
    void array_partition_rejects_what_is_not_an_array() {
        assertThat(runtimeCause("States.ArrayPartition($.a, 2)", "{\"a\": \"abc\"}")).isEqualTo(
                "The function 'States.ArrayPartition($.a, 2)' had the following error: "
                        + "Invalid arguments in States.ArrayPartition");
    }

    @Test
    void array_contains_compares_values_deeply() {
        String input = "{\"a\": [{\"1\": 2, \"2\": []}, [1, 2, 3], true, null], "
                + "\"o\": {\"2\": [], \"1\": 2}, \"l\": [1, 2, 3], \"e\": []}";
        assertThat(eval("States.ArrayContains($.a, $.o)", input).booleanValue()).isTrue();
        assertThat(eval("States.ArrayContains($.a, $.l)", input).booleanValue()).isTrue();
        assertThat(eval("States.ArrayContains($.a, true)", input).booleanValue()).isTrue();
        assertThat(eval("States.ArrayContains($.a, null)", input).booleanValue()).isTrue();
        assertThat(eval("States.ArrayContains($.a, $.e)", input).booleanValue()).isFalse();
        assertThat(eval("States.ArrayContains($.e, null)", input).booleanValue()).isFalse();
    }

    @Test
    void array_contains_does_not_equate_integers_and_decimals() {
        assertThat(eval("States.ArrayContains($.a, 1)", "{\"a\": [1.0]}").booleanValue()).isFalse();
        assertThat(eval("States.ArrayContains($.a, 1.5)", "{\"a\": [1.50]}").booleanValue()).isTrue();
    }

    @Test
    void array_range_includes_the_last_item_when_the_step_lands_on_it() {
        assertThat(eval("States.ArrayRange(1, 9, 2)")).isEqualTo(json("[1,3,5,7,9]"));
        assertThat(eval("States.ArrayRange(0, 10, 3)")).isEqualTo(json("[0,3,6,9]"));
        assertThat(eval("States.ArrayRange(1, 9, 9)")).isEqualTo(json("[1]"));
        assertThat(eval("States.ArrayRange(5, -1, -2)")).isEqualTo(json("[5,3,1,-1]"));
        assertThat(eval("States.ArrayRange(3, 3, 1)")).isEqualTo(json("[3]"));
    }

    @Test
    void array_range_is_empty_when_the_step_points_away() {
        assertThat(eval("States.ArrayRange(5, 1, 1)")).isEqualTo(json("[]"));
    }

    @Test
    void array_range_truncates_decimals() {
        assertThat(eval("States.ArrayRange(5.9, -0.9, -2.5)")).isEqualTo(json("[5,3,1]"));
    }

    @Test
    void array_range_builds_at_most_1000_items() {
        assertThat(eval("States.ArrayRange(1, 1000, 1)").size()).isEqualTo(1000);
        assertThat(loadError("States.ArrayRange(1, 1001, 1)")).isEqualTo("Expected States.ArrayRange to produce at"
                + " most 1000 items, but from 1 to 1001 by 1 it produces 1001 in 'States.ArrayRange(1, 1001, 1)'");
        assertThat(runtimeCause("States.ArrayRange(0, $.n, 1)", "{\"n\": 5000}")).isEqualTo(
                "The function 'States.ArrayRange(0, $.n, 1)' had the following error: "
                        + "Invalid arguments in States.ArrayRange");
    }

    @Test
    void array_range_rejects_a_zero_step_and_values_beyond_32_bits() {
        assertThat(loadError("States.ArrayRange(1, 5, 0.5)")).isEqualTo("Expected the step of States.ArrayRange "
                + "to be a non-zero integer, but got 0.5 in 'States.ArrayRange(1, 5, 0.5)'");
        assertThat(loadError("States.ArrayRange(1, 3000000000, 1)")).isEqualTo("Expected the last item of "
                + "States.ArrayRange to be between -2147483648 and 2147483647, but got 3000000000 in "
                + "'States.ArrayRange(1, 3000000000, 1)'");
        assertThat(runtimeCause("States.ArrayRange(1, 5, $.s)", "{\"s\": \"1\"}")).isEqualTo(
                "The function 'States.ArrayRange(1, 5, $.s)' had the following error: "
                        + "Invalid arguments in States.ArrayRange");
    }

    @Test
    void array_get_item_returns_the_item_at_a_zero_based_index() {
        JsonNode input = json("{\"a\": [1,2,3,4,5,6,7,8,9], \"o\": [{\"x\": 1}]}");
        assertThat(eval("States.ArrayGetItem($.a, 5)", Scope.ofInput(input))).isEqualTo(json("6"));
        assertThat(eval("States.ArrayGetItem($.o, 0)", Scope.ofInput(input))).isSameAs(input.get("o").get(0));
        assertThat(eval("States.ArrayGetItem($.a, 1.9)", Scope.ofInput(input))).isEqualTo(json("2"));
    }

    @Test
    void array_get_item_rejects_an_index_outside_the_array() {
        assertThat(runtimeCause("States.ArrayGetItem($.a, 3)", "{\"a\": [1,2,3]}")).isEqualTo(
                "The function 'States.ArrayGetItem($.a, 3)' had the following error: "
                        + "Invalid arguments in States.ArrayGetItem");
        assertThat(loadError("States.ArrayGetItem($.a, -1)")).isEqualTo("Expected the index of "
                + "States.ArrayGetItem to be zero or more, but got -1 in 'States.ArrayGetItem($.a, -1)'");
    }

    @Test
    void array_length_counts_items() {
        assertThat(eval("States.ArrayLength($.a)", "{\"a\": [1, [2, 3], null]}")).isEqualTo(json("3"));
        assertThat(eval("States.ArrayLength($.a)", "{\"a\": []}")).isEqualTo(json("0"));
        assertThat(runtimeCause("States.ArrayLength($.a)", "{\"a\": {\"x\": 1}}")).isEqualTo(
                "The function 'States.ArrayLength($.a)' had the following error: "
                        + "Invalid arguments in States.ArrayLength");
    }

    @Test
    void array_unique_keeps_first_occurrences_in_order() {
        String input = "{\"a\": [null, null, true, true, 1, 1, 1.1, 0, \"x\", \"x\", [], [], [null], [null], "
                + "{\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}, {\"a\": 1, \"b\": 1}, 1.0]}";
        assertThat(eval("States.ArrayUnique($.a)", input)).isEqualTo(json("[null, true, 1, 1.1, 0, \"x\", [], "
                + "[null], {\"a\": 1, \"b\": 2}, {\"a\": 1, \"b\": 1}, 1.0]"));
        assertThat(eval("States.ArrayUnique($.a)", "{\"a\": [1,2,3,3,3,4]}")).isEqualTo(json("[1,2,3,4]"));
    }

    @Test
    void array_unique_returns_an_array_without_duplicates_as_it_is() {
        JsonNode input = json("{\"a\": [3, 1, 2]}");
        assertThat(eval("States.ArrayUnique($.a)", Scope.ofInput(input))).isSameAs(input.get("a"));
    }
}
