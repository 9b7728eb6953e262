package io.conflux.asl.choice;

import static io.conflux.asl.choice.Rules.AT;
import static io.conflux.asl.choice.Rules.compile;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.choice.Rules.Compiled;
import io.conflux.asl.choice.Rules.Reported;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What is wrong with a Choice rule is reported at load time, with the pointer of the offending field. */
class ChoiceValidationTest {

    private static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";

    /** Compiles {@code rule}, expecting exactly the one problem given and no condition. */
    private static void rejects(String rule, String pointer, String message) {
        rejects(rule, QueryLanguage.JSONPATH, pointer, message);
    }

    private static void rejects(String rule, QueryLanguage language, String pointer, String message) {
        Compiled compiled = compile(rule, language);
        assertThat(compiled.problems()).containsExactly(new Reported(pointer, SCHEMA, message));
        assertThat(compiled.condition()).isNull();
    }

    @Nested
    class Shape {
        @Test
        void rejects_a_rule_with_nothing_that_decides() {
            rejects("{'Next': 'X'}", AT, "A choice rule must have one of the fields [And, Or, Not, Variable]");
        }

        @Test
        void rejects_a_variable_without_an_operator() {
            rejects("{'Variable': '$.x', 'Next': 'X'}", AT,
                    "A choice rule with 'Variable' must have a comparison operator, such as StringEquals or IsPresent");
        }

        @Test
        void rejects_two_operators() {
            rejects("{'Variable': '$.x', 'StringEquals': 'a', 'IsPresent': true}", AT,
                    "There should only be one of the following fields: [StringEquals, IsPresent]");
        }

        @Test
        void rejects_an_operator_without_a_variable() {
            rejects("{'NumericEquals': 1}", AT, "These fields are required: [Variable]");
        }

        @Test
        void rejects_a_rule_that_is_both_a_combination_and_a_test() {
            rejects("{'And': [{'Variable': '$.x', 'IsNull': true}], 'Variable': '$.x'}", AT,
                    "There should only be one of the following fields: [And, Variable]");
            rejects("{'Not': {'Variable': '$.x', 'IsNull': true}, 'Or': []}", AT,
                    "There should only be one of the following fields: [Not, Or]");
        }

        @Test
        void rejects_an_operator_beside_a_combination() {
            rejects("{'Not': {'Variable': '$.x', 'IsNull': true}, 'IsNull': true}", AT + "/IsNull",
                    "Field 'IsNull' is not supported");
        }

        @Test
        void rejects_unknown_fields() {
            rejects("{'Variable': '$.x', 'IsNull': true, 'Foo': 1}", AT + "/Foo", "Field 'Foo' is not supported");
            rejects("{'Variable': '$.x', 'StringMatches': 'a*', 'StringMatchesPath': '$.y'}",
                    AT + "/StringMatchesPath", "Field 'StringMatchesPath' is not supported");
            rejects("{'Variable': '$.x', 'IsNullPath': '$.y', 'IsNull': false}", AT + "/IsNullPath",
                    "Field 'IsNullPath' is not supported");
        }

        @Test
        void accepts_next_assign_and_comment_on_a_top_level_rule() {
            Compiled c = compile("{'Variable': '$.x', 'IsNull': true, 'Next': 'X', 'Assign': {'a': 1}, 'Comment': 'c'}");
            assertThat(c.problems()).isEmpty();
            assertThat(c.condition()).isNotNull();
        }

        @Test
        void rejects_jsonata_fields_in_a_jsonpath_state() {
            rejects("{'Condition': '{% true %}', 'Next': 'X', 'Variable': '$.x', 'IsNull': true}", AT + "/Condition",
                    "The field 'Condition' is not supported for the query language JSONPath");
            rejects("{'Variable': '$.x', 'IsNull': true, 'Output': {}}", AT + "/Output",
                    "The field 'Output' is not supported for the query language JSONPath");
        }
    }

    @Nested
    class NestedRules {
        @Test
        void rejects_next_in_a_nested_rule() {
            rejects("{'And': [{'Variable': '$.x', 'IsNull': true, 'Next': 'Y'}], 'Next': 'X'}", AT + "/And/0/Next",
                    "Field 'Next' is not supported");
            rejects("{'Not': {'Variable': '$.x', 'IsNull': true, 'Next': 'Y'}}", AT + "/Not/Next",
                    "Field 'Next' is not supported");
        }

        @Test
        void rejects_assign_and_output_in_a_nested_rule() {
            rejects("{'Or': [{'Variable': '$.x', 'IsNull': true, 'Assign': {}}]}", AT + "/Or/0/Assign",
                    "Field 'Assign' is not supported");
            rejects("{'Or': [{'Variable': '$.x', 'IsNull': true, 'Output': {}}]}", AT + "/Or/0/Output",
                    "Field 'Output' is not supported");
        }

        @Test
        void rejects_empty_or_non_array_and_or() {
            rejects("{'And': []}", AT + "/And", "The value of 'And' must be a non-empty array");
            rejects("{'Or': {'Variable': '$.x', 'IsNull': true}}", AT + "/Or", "The value of 'Or' must be a non-empty array");
        }

        @Test
        void rejects_elements_that_are_not_rules() {
            rejects("{'And': [{'Variable': '$.x', 'IsNull': true}, 'x']}", AT + "/And/1",
                    "A choice rule must be an object but was STRING");
            rejects("{'Not': [{'Variable': '$.x', 'IsNull': true}]}", AT + "/Not",
                    "A choice rule must be an object but was ARRAY");
        }

        @Test
        void reports_every_problem_of_a_deep_rule_with_its_pointer() {
            Compiled c = compile("""
                    {'Or': [
                      {'And': [{'Variable': '$.a', 'NumericEquals': '1'},
                               {'Not': {'Variable': 5, 'IsNull': true}}]},
                      {'Variable': '$.b', 'StringEquals': 'x', 'Next': 'Y'}
                    ], 'Next': 'X'}""");
            assertThat(c.condition()).isNull();
            assertThat(c.problems()).containsExactly(
                    new Reported(AT + "/Or/0/And/0/NumericEquals", SCHEMA,
                            "The value of 'NumericEquals' must be a NUMBER but was STRING"),
                    new Reported(AT + "/Or/0/And/1/Not/Variable", SCHEMA,
                            "The value of 'Variable' must be a STRING but was NUMBER"),
                    new Reported(AT + "/Or/1/Next", SCHEMA, "Field 'Next' is not supported"));
        }
    }

    @Nested
    class Operands {
        @Test
        void rejects_literals_of_the_wrong_type() {
            rejects("{'Variable': '$.x', 'NumericEquals': '1'}", AT + "/NumericEquals",
                    "The value of 'NumericEquals' must be a NUMBER but was STRING");
            rejects("{'Variable': '$.x', 'StringLessThan': 1}", AT + "/StringLessThan",
                    "The value of 'StringLessThan' must be a STRING but was NUMBER");
            rejects("{'Variable': '$.x', 'BooleanEquals': 'true'}", AT + "/BooleanEquals",
                    "The value of 'BooleanEquals' must be a BOOLEAN but was STRING");
            rejects("{'Variable': '$.x', 'IsPresent': 1}", AT + "/IsPresent",
                    "The value of 'IsPresent' must be a BOOLEAN but was NUMBER");
            rejects("{'Variable': '$.x', 'IsTimestamp': null}", AT + "/IsTimestamp",
                    "The value of 'IsTimestamp' must be a BOOLEAN but was NULL");
            rejects("{'Variable': '$.x', 'TimestampEquals': 0}", AT + "/TimestampEquals",
                    "The value of 'TimestampEquals' must be a STRING but was NUMBER");
        }

        @Test
        void rejects_timestamp_literals_that_are_not_rfc3339() {
            for (String bad : new String[] {"2016-03-14T01:59:00", "2016-03-14 01:59:00Z", "2016-03-14T01:59Z",
                    "2016-02-30T01:59:00Z", "2016-03-14t01:59:00z", "2016-03-14T01:59:00+0100", "yesterday"}) {
                rejects("{'Variable': '$.x', 'TimestampLessThan': '" + bad + "'}", AT + "/TimestampLessThan",
                        "String does not match RFC3339 timestamp");
            }
        }

        @Test
        void rejects_path_operands_that_are_not_reference_paths() {
            rejects("{'Variable': '$.x', 'StringEqualsPath': 3}", AT + "/StringEqualsPath",
                    "The value of 'StringEqualsPath' must be a STRING but was NUMBER");
            rejects("{'Variable': '$.x', 'NumericEqualsPath': 'x.y'}", AT + "/NumericEqualsPath",
                    "The value for the field 'NumericEqualsPath' must be a valid JSONPath");
            rejects("{'Variable': '$.x', 'NumericEqualsPath': '$.items[*].n'}", AT + "/NumericEqualsPath",
                    "The value for the field 'NumericEqualsPath' must be a valid ReferencePath");
        }

        @Test
        void rejects_variables_that_are_not_reference_paths() {
            rejects("{'Variable': 'x', 'IsNull': true}", AT + "/Variable",
                    "The value for the field 'Variable' must be a valid JSONPath");
            rejects("{'Variable': '$[1', 'IsNull': true}", AT + "/Variable",
                    "The value for the field 'Variable' must be a valid JSONPath");
            rejects("{'Variable': '$..a', 'IsNull': true}", AT + "/Variable",
                    "The value for the field 'Variable' must be a valid ReferencePath");
        }

        @Test
        void rejects_string_matches_patterns_with_an_open_escape() {
            rejects("{'Variable': '$.x', 'StringMatches': 'ends\\\\'}", AT + "/StringMatches",
                    "The value of 'StringMatches' has an open escape at index 4: a backslash must be followed by '*'"
                            + " or '\\' (write a literal backslash as '\\\\')");
            rejects("{'Variable': '$.x', 'StringMatches': 'a\\\\b'}", AT + "/StringMatches",
                    "The value of 'StringMatches' has an open escape at index 1: a backslash must be followed by '*'"
                            + " or '\\' (write a literal backslash as '\\\\')");
            rejects("{'Variable': '$.x', 'StringMatches': 1}", AT + "/StringMatches",
                    "The value of 'StringMatches' must be a STRING but was NUMBER");
        }

        @Test
        void validates_the_operand_even_when_the_variable_is_bad() {
            Compiled c = compile("{'Variable': 7, 'NumericEquals': 'one'}");
            assertThat(c.problems()).extracting(Reported::pointer)
                    .containsExactly(AT + "/Variable", AT + "/NumericEquals");
        }
    }

    @Nested
    class Jsonata {
        @Test
        void rejects_jsonpath_fields_in_a_jsonata_state() {
            rejects("{'Condition': true, 'Next': 'X', 'Variable': '$.x'}", QueryLanguage.JSONATA, AT + "/Variable",
                    "The field 'Variable' is not supported for the query language JSONata");
            rejects("{'Condition': true, 'And': []}", QueryLanguage.JSONATA, AT + "/And",
                    "The field 'And' is not supported for the query language JSONata");
            rejects("{'Condition': true, 'Foo': 1}", QueryLanguage.JSONATA, AT + "/Foo", "Field 'Foo' is not supported");
        }

        @Test
        void requires_a_condition() {
            rejects("{'Next': 'X'}", QueryLanguage.JSONATA, AT, "These fields are required: [Condition]");
        }

        @Test
        void rejects_a_condition_that_is_not_an_expression() {
            rejects("{'Condition': '$.x', 'Next': 'X'}", QueryLanguage.JSONATA, AT + "/Condition",
                    "The value of 'Condition' must be a JSONata expression ('{% … %}') or a BOOLEAN but was STRING");
        }

        @Test
        void accepts_a_literal_boolean_condition_and_output_on_a_top_level_rule() {
            Compiled c = compile("{'Condition': false, 'Next': 'X', 'Output': {}, 'Assign': {}, 'Comment': 'c'}",
                    QueryLanguage.JSONATA);
            assertThat(c.problems()).isEmpty();
            assertThat(c.condition().test(io.conflux.asl.expr.Scope.ofInput(Rules.json("{}")))).isFalse();
        }

        @Test
        void hands_expressions_to_the_jsonata_compiler_with_the_condition_pointer() {
            Compiled c = compile("{'Condition': '{% $states.input.ok %}', 'Next': 'X'}", QueryLanguage.JSONATA);
            // Whatever the JSONata compiler reports is reported at the Condition, and the rule is unusable.
            assertThat(c.problems()).allSatisfy(p -> assertThat(p.pointer()).isEqualTo(AT + "/Condition"));
            assertThat(c.condition() == null).isEqualTo(!c.problems().isEmpty());
        }
    }

    @Test
    void problems_reach_the_definition_parser_with_aws_wording() {
        ParseResult result = Asl.parse("""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                    {"And": [{"Variable": "$.a", "IsPresent": true, "Next": "P"}], "Next": "P"}], "Default": "P"},
                  "P": {"Type": "Pass", "End": true}}}""");
        assertThat(result.isValid()).isFalse();
        assertThat(result.invalidDefinitionMessage()).isEqualTo("Invalid State Machine Definition: "
                + "'SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[0]/And[0]/Next'");
    }
}
