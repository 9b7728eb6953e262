package io.conflux.asl.choice;

import static io.conflux.asl.choice.Rules.json;
import static io.conflux.asl.choice.Rules.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.StatesException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How compiled JSONPath Choice rules decide, as AWS decides (see ChoiceConformanceTest for the recorded cases). */
class ChoiceRulesTest {

    /** Tests {@code rule} against an input whose field {@code v} is {@code value} (JSON, single quotes allowed). */
    private static boolean holds(String rule, String value) {
        return valid(rule).test(Scope.ofInput(json("{'v': " + value + "}")));
    }

    private static boolean holdsOn(String rule, String input) {
        return valid(rule).test(Scope.ofInput(json(input)));
    }

    private static String op(String operator, String operand) {
        return "{'Variable': '$.v', '" + operator + "': " + operand + "}";
    }

    @Nested
    class Strings {
        @Test
        void string_equals_compares_exactly() {
            assertThat(holds(op("StringEquals", "'Hello'"), "'Hello'")).isTrue();
            assertThat(holds(op("StringEquals", "'Hello'"), "'hello'")).isFalse();
            assertThat(holds(op("StringEquals", "'\\t\\r\\n'"), "'\\t\\n'")).isFalse();
            assertThat(holds(op("StringEquals", "''"), "''")).isTrue();
        }

        @Test
        void a_value_of_another_type_is_not_equal_to_any_string() {
            for (String value : new String[] {"null", "1", "true", "['a']", "{'a': 1}"}) {
                assertThat(holds(op("StringEquals", "'a'"), value)).as(value).isFalse();
                assertThat(holds(op("StringLessThan", "'z'"), value)).as(value).isFalse();
            }
        }

        @ParameterizedTest
        @CsvSource({
            "StringLessThan, A, AB, true",
            "StringLessThan, AB, A, false",
            "StringLessThan, A, A, false",
            "StringGreaterThan, b, a, true",
            "StringGreaterThan, A, a, false",
            "StringLessThanEquals, A, A, true",
            "StringLessThanEquals, B, A, false",
            "StringGreaterThanEquals, A, A, true",
            "StringGreaterThanEquals, A, AB, false",
        })
        void strings_are_ordered_character_by_character(String operator, String value, String operand,
                boolean expected) {
            assertThat(holds(op(operator, "'" + operand + "'"), "'" + value + "'")).isEqualTo(expected);
        }

        @Test
        void strings_are_ordered_by_utf16_code_units_not_code_points() {
            // U+FFFF sorts after U+1F600 by UTF-16 code units (0xFFFF > 0xD83D), before it by code points.
            assertThat(holds(op("StringGreaterThan", "'\\ud83d\\ude00'"), "'\\uffff'")).isTrue();
        }

        @Test
        void path_operands_compare_two_values_of_the_input() {
            String rule = "{'Variable': '$.a', 'StringEqualsPath': '$.b'}";
            assertThat(holdsOn(rule, "{'a': 'x', 'b': 'x'}")).isTrue();
            assertThat(holdsOn(rule, "{'a': 'x', 'b': 'y'}")).isFalse();
            assertThat(holdsOn(rule, "{'a': 'x', 'b': 1}")).isFalse();
            assertThat(holdsOn("{'Variable': '$.a', 'StringLessThanPath': '$.b'}", "{'a': 'A', 'b': 'AB'}")).isTrue();
        }
    }

    @Nested
    class StringMatches {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "foo*.log | foo23.log | true",
            "foo*.log | foo.log | true",
            "foo*.log | foo.txt | false",
            "*.log | zebra.log | true",
            "foo*.* | foobar.zebra | true",
            "* | `` | true",
            "** | abc | true",
            "a*b*c | abxbc | true",
            "a*b*c | acb | false",
            "ab*ba | aba | false",
            "exact | exact | true",
            "exact | exactly | false",
            "*mid* | a mid b | true",
        })
        void a_star_matches_any_run_of_characters(String pattern, String value, boolean expected) {
            assertThat(holds(op("StringMatches", "'" + pattern + "'"), "'" + value + "'")).isEqualTo(expected);
        }

        @Test
        void escaped_stars_and_backslashes_are_literal() {
            // JSON "a\\*b" is the pattern a\*b: a literal star.
            assertThat(holds(op("StringMatches", "'a\\\\*b'"), "'a*b'")).isTrue();
            assertThat(holds(op("StringMatches", "'a\\\\*b'"), "'axb'")).isFalse();
            // JSON "a\\\\*" is the pattern a\\*: a literal backslash, then a wildcard.
            assertThat(holds(op("StringMatches", "'a\\\\\\\\*'"), "'a\\\\xyz'")).isTrue();
            assertThat(holds(op("StringMatches", "'a\\\\\\\\*'"), "'axyz'")).isFalse();
        }

        @Test
        void other_characters_have_no_special_meaning() {
            assertThat(holds(op("StringMatches", "'a.c?[x]'"), "'a.c?[x]'")).isTrue();
            assertThat(holds(op("StringMatches", "'a.c'"), "'abc'")).isFalse();
        }

        @Test
        void non_strings_do_not_match() {
            assertThat(holds(op("StringMatches", "'*'"), "1")).isFalse();
            assertThat(holds(op("StringMatches", "'*'"), "null")).isFalse();
        }
    }

    @Nested
    class Numbers {
        @Test
        void numbers_compare_by_value_whatever_their_spelling() {
            assertThat(holds(op("NumericEquals", "1"), "1.0")).isTrue();
            assertThat(holds(op("NumericEquals", "1.0"), "1")).isTrue();
            assertThat(holds(op("NumericEquals", "100"), "1e2")).isTrue();
            assertThat(holds(op("NumericEquals", "0"), "-0.0")).isTrue();
            assertThat(holds(op("NumericEquals", "2.22"), "2.22")).isTrue();
            assertThat(holds(op("NumericEquals", "1"), "1.1")).isFalse();
        }

        @Test
        void large_integers_keep_their_order() {
            assertThat(holds(op("NumericGreaterThan", "9007199254740992"), "9007199254740993")).isTrue();
            assertThat(holds(op("NumericLessThan", "123456789012345678901234567891"),
                    "123456789012345678901234567890")).isTrue();
            assertThat(holds(op("NumericLessThan", "1.5"), "123456789012345678901234567890")).isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "NumericLessThan, 0, 1, true",
            "NumericLessThan, 1, 1, false",
            "NumericGreaterThan, 1, 0, true",
            "NumericGreaterThan, 0.0, 0, false",
            "NumericLessThanEquals, 1, 1, true",
            "NumericLessThanEquals, 1, 0, false",
            "NumericGreaterThanEquals, 0.0, 0, true",
            "NumericGreaterThanEquals, -1.5, -1, false",
        })
        void numeric_relations(String operator, String value, String operand, boolean expected) {
            assertThat(holds(op(operator, operand), value)).isEqualTo(expected);
        }

        @Test
        void values_of_another_type_never_compare_as_numbers() {
            for (String value : new String[] {"'1'", "''", "true", "false", "null", "[1]", "{'A': 0}"}) {
                assertThat(holds(op("NumericEquals", "1"), value)).as(value).isFalse();
                assertThat(holds(op("NumericGreaterThanEquals", "0"), value)).as(value).isFalse();
            }
            assertThat(holdsOn("{'Variable': '$.a', 'NumericEqualsPath': '$.b'}", "{'a': 1, 'b': '1'}")).isFalse();
        }

        @Test
        void path_operands_compare_two_numbers_of_the_input() {
            assertThat(holdsOn("{'Variable': '$.a', 'NumericEqualsPath': '$.b'}", "{'a': 0, 'b': 0.0}")).isTrue();
            assertThat(holdsOn("{'Variable': '$.a', 'NumericLessThanPath': '$.b'}", "{'a': 0, 'b': 1}")).isTrue();
        }
    }

    @Nested
    class Booleans {
        @Test
        void boolean_equals_compares_booleans_only() {
            assertThat(holds(op("BooleanEquals", "true"), "true")).isTrue();
            assertThat(holds(op("BooleanEquals", "false"), "false")).isTrue();
            assertThat(holds(op("BooleanEquals", "true"), "false")).isFalse();
            for (String value : new String[] {"'true'", "1", "0", "null", "''", "[]", "{}"}) {
                assertThat(holds(op("BooleanEquals", "true"), value)).as(value).isFalse();
                assertThat(holds(op("BooleanEquals", "false"), value)).as(value).isFalse();
            }
        }

        @Test
        void boolean_equals_path_needs_two_booleans() {
            String rule = "{'Variable': '$.a', 'BooleanEqualsPath': '$.b'}";
            assertThat(holdsOn(rule, "{'a': false, 'b': false}")).isTrue();
            assertThat(holdsOn(rule, "{'a': true, 'b': false}")).isFalse();
            assertThat(holdsOn(rule, "{'a': true, 'b': 'true'}")).isFalse();
        }
    }

    @Nested
    class Timestamps {
        @Test
        void timestamps_compare_as_instants() {
            assertThat(holds(op("TimestampEquals", "'2012-10-09T19:00:55Z'"), "'2012-10-09T19:00:55Z'")).isTrue();
            assertThat(holds(op("TimestampEquals", "'2012-10-09T18:00:55Z'"), "'2012-10-09T19:00:55+01:00'"))
                    .isTrue();
            assertThat(holds(op("TimestampEquals", "'2012-10-09T19:00:55Z'"), "'2012-10-09T19:00:55.000Z'"))
                    .isTrue();
            assertThat(holds(op("TimestampLessThan", "'2012-10-09T19:00:55.5Z'"), "'2012-10-09T19:00:55.25Z'"))
                    .isTrue();
            assertThat(holds(op("TimestampGreaterThan", "'2012-10-09T19:00:55Z'"), "'2012-10-09T19:00:56Z'"))
                    .isTrue();
            assertThat(holds(op("TimestampGreaterThanEquals", "'2012-10-09T19:00:56Z'"), "'2012-10-09T19:00:55Z'"))
                    .isFalse();
            assertThat(holds(op("TimestampLessThanEquals", "'2012-10-09T19:00:55Z'"), "'2012-10-09T19:00:55Z'"))
                    .isTrue();
        }

        @Test
        void values_that_are_not_timestamps_compare_false() {
            String rule = op("TimestampLessThan", "'2100-01-01T00:00:00Z'");
            for (String value : new String[] {"'2012-10-09T19:00:55'", "'2023-02-24'", "'2023-02-24 12:15:56.832957'",
                    "'2012-10-09t19:00:55z'", "''", "1", "null", "true", "[]", "{}"}) {
                assertThat(holds(rule, value)).as(value).isFalse();
            }
        }

        @Test
        void path_operands_must_also_be_timestamps() {
            String rule = "{'Variable': '$.a', 'TimestampEqualsPath': '$.b'}";
            assertThat(holdsOn(rule, "{'a': '2012-10-09T19:00:55Z', 'b': '2012-10-09T19:00:55Z'}")).isTrue();
            assertThat(holdsOn(rule, "{'a': '2012-10-09T19:00:55Z', 'b': 'soon'}")).isFalse();
        }
    }

    @Nested
    class TypeTests {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "IsNull | null | true",
            "IsNull | 0 | false",
            "IsNull | '' | false",
            "IsNumeric | 0 | true",
            "IsNumeric | 1.1 | true",
            "IsNumeric | '1' | false",
            "IsString | '' | true",
            "IsString | '2012-10-09T19:00:55Z' | true",
            "IsString | null | false",
            "IsBoolean | false | true",
            "IsBoolean | 'true' | false",
            "IsTimestamp | '2012-10-09T19:00:55Z' | true",
            "IsTimestamp | '2012-10-09T19:00:55.123456789012+01:00' | true",
            "IsTimestamp | '2012-10-09T19:00:55' | false",
            "IsTimestamp | '2023-02-24' | false",
            "IsTimestamp | '2012-10-09T19:00Z' | false",
            "IsTimestamp | 1 | false",
        })
        void type_tests_check_the_json_type(String operator, String value, boolean expected) {
            assertThat(holds(op(operator, "true"), value)).isEqualTo(expected);
            assertThat(holds(op(operator, "false"), value)).isEqualTo(!expected);
        }

        @Test
        void is_present_answers_for_missing_values_instead_of_failing() {
            assertThat(holdsOn("{'Variable': '$.v', 'IsPresent': true}", "{}")).isFalse();
            assertThat(holdsOn("{'Variable': '$.v', 'IsPresent': false}", "{}")).isTrue();
            assertThat(holdsOn("{'Variable': '$.v', 'IsPresent': true}", "{'v': null}")).isTrue();
            assertThat(holdsOn("{'Variable': '$.a.b[3]', 'IsPresent': true}", "{'a': {'b': [1]}}")).isFalse();
            assertThat(holdsOn("{'Variable': '$.a.b', 'IsPresent': true}", "{'a': 'text'}")).isFalse();
        }

        @Test
        void the_root_itself_can_be_tested() {
            assertThat(holdsOn("{'Variable': '$', 'IsNumeric': true}", "3")).isTrue();
            assertThat(holdsOn("{'Variable': '$', 'NumericEquals': 3}", "3.0")).isTrue();
        }
    }

    @Nested
    class MissingValues {
        @Test
        void a_comparison_on_a_missing_variable_fails_the_state() {
            assertThatThrownBy(() -> holdsOn(op("StringEquals", "'x'"), "{}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo(
                                "Invalid path '$.v': The choice state's condition path references an invalid value.");
                    });
        }

        @Test
        void every_operator_but_is_present_needs_the_variable() {
            for (String rule : new String[] {op("IsNull", "true"), op("IsString", "false"), op("BooleanEquals", "true"),
                    op("NumericEquals", "1"), op("StringMatches", "'*'"), op("TimestampEquals", "'2012-10-09T19:00:55Z'")}) {
                assertThatThrownBy(() -> holdsOn(rule, "{'other': 1}")).as(rule)
                        .isInstanceOf(StatesException.class);
            }
        }

        @Test
        void a_missing_path_operand_fails_the_state_with_its_own_path() {
            assertThatThrownBy(() -> holdsOn("{'Variable': '$.a', 'NumericEqualsPath': '$.b'}", "{'a': 'not a number'}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause()).isEqualTo(
                            "Invalid path '$.b': The choice state's condition path references an invalid value."));
        }

        @Test
        void not_does_not_turn_a_failure_into_true() {
            assertThatThrownBy(() -> holdsOn("{'Not': " + op("StringEquals", "'x'") + "}", "{}"))
                    .isInstanceOf(StatesException.class);
        }

        @Test
        void and_and_or_stop_before_a_rule_that_would_fail() {
            String guarded = "{'And': [{'Variable': '$.v', 'IsPresent': true}, " + op("NumericEquals", "3") + "]}";
            assertThat(holdsOn(guarded, "{}")).isFalse();
            assertThat(holdsOn(guarded, "{'v': 3}")).isTrue();
            String either = "{'Or': [{'Variable': '$.v', 'IsPresent': false}, " + op("NumericEquals", "3") + "]}";
            assertThat(holdsOn(either, "{}")).isTrue();
        }
    }

    @Nested
    class Composition {
        @Test
        void and_or_not_combine_to_any_depth() {
            String rule = """
                    {'Or': [
                      {'And': [{'Variable': '$.a', 'NumericGreaterThanEquals': 20},
                               {'Variable': '$.a', 'NumericLessThan': 30}]},
                      {'Not': {'Not': {'Not': {'Variable': '$.b', 'StringEquals': 'Private'}}}}
                    ]}""";
            assertThat(holdsOn(rule, "{'a': 22, 'b': 'Private'}")).isTrue();
            assertThat(holdsOn(rule, "{'a': 31, 'b': 'Private'}")).isFalse();
            assertThat(holdsOn(rule, "{'a': 31, 'b': 'Public'}")).isTrue();
        }

        @Test
        void a_single_rule_and_is_that_rule() {
            assertThat(holdsOn("{'And': [{'Variable': '$.t', 'StringEquals': 'Public'}]}", "{'t': 'Public'}")).isTrue();
        }
    }

    @Nested
    class Roots {
        private final Scope scope = new SimpleScope(json("{'n': 1}"),
                json("{'Execution': {'Input': {'input-value': 0}}}"),
                Map.<String, JsonNode>of("guess", json("'blue'"), "answer", json("'blue'"), "cfg", json("{'on': true}")));

        @Test
        void variables_and_the_context_object_can_be_tested_and_compared() {
            assertThat(valid("{'Variable': '$guess', 'StringEqualsPath': '$answer'}").test(scope)).isTrue();
            assertThat(valid("{'Variable': '$cfg.on', 'BooleanEquals': true}").test(scope)).isTrue();
            assertThat(valid("{'Variable': '$$.Execution.Input.input-value', 'NumericLessThanEquals': 0}").test(scope))
                    .isTrue();
            assertThat(valid("{'Variable': '$.n', 'NumericEqualsPath': '$$.Execution.Input.input-value'}").test(scope))
                    .isFalse();
        }

        @Test
        void an_unbound_variable_is_missing() {
            assertThat(valid("{'Variable': '$nope', 'IsPresent': true}").test(scope)).isFalse();
            assertThatThrownBy(() -> valid("{'Variable': '$nope', 'StringEquals': 'x'}").test(scope))
                    .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause()).startsWith(
                            "Invalid path '$nope'"));
        }

        @Test
        void bracket_paths_are_read_too() {
            ObjectNode rule = Json.object().put("Variable", "$['a b'][1]").put("NumericEquals", 2);
            Condition condition = ChoiceCompiler.compile(rule, Rules.AT, QueryLanguage.JSONPATH, true,
                    (pointer, code, message) -> {
                        throw new AssertionError(message);
                    });
            assertThat(condition.test(Scope.ofInput(json("{'a b': [1, 2]}")))).isTrue();
        }
    }

    @Test
    void a_compiled_rule_can_be_tested_many_times_and_concurrently() {
        Condition rule = valid("{'And': [{'Variable': '$.v', 'StringMatches': 'log-*.txt'},"
                + " {'Variable': '$.t', 'TimestampLessThan': '2030-01-01T00:00:00Z'}]}");
        JsonNode yes = json("{'v': 'log-1.txt', 't': '2020-01-01T00:00:00Z'}");
        JsonNode no = json("{'v': 'log-1.csv', 't': '2020-01-01T00:00:00Z'}");
        java.util.stream.IntStream.range(0, 10_000).parallel().forEach(i -> {
            JsonNode input = i % 2 == 0 ? yes : no;
            if (rule.test(Scope.ofInput(input)) != (i % 2 == 0)) {
                throw new AssertionError("Wrong answer at " + i);
            }
        });
    }
}
