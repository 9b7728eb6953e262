package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.oneJsonataState;
import static io.conflux.asl.parse.Definitions.oneState;

import org.junit.jupiter.api.Test;

/**
 * What a definition may say about variables and JSONata. The variable-name messages are ours (no recording shows
 * AWS refusing a name); the rest is AWS's wording, as in the other rule tests.
 */
class VariableAndJsonataRulesTest {
    private static final String BAD_NAME = "is not valid: a variable name starts with a letter or '_', goes on with "
            + "letters, digits or '_', and has at most 80 characters";

    // ---- variable names --------------------------------------------------------------------------------------

    @Test
    void refuses_to_assign_the_reserved_name_states_in_either_language() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Pass\", \"Assign\": {\"states\": 1}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved for $states at "
                        + "/States/S/Assign/states");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Assign\": {\"states.$\": \"$\"}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved for $states at "
                        + "/States/S/Assign/states.$");
    }

    @Test
    void refuses_names_that_are_not_identifiers_or_longer_than_80_characters() {
        String tooLong = "v".repeat(81);
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Assign\": {\"my-var\": 1, \"1st\": 2, \"" + tooLong
                + "\": 3, \"a b\": 4}, \"End\": true}")).containsExactly(
                        "SCHEMA_VALIDATION_FAILED: The variable name 'my-var' " + BAD_NAME + " at "
                                + "/States/S/Assign/my-var",
                        "SCHEMA_VALIDATION_FAILED: The variable name '1st' " + BAD_NAME + " at /States/S/Assign/1st",
                        "SCHEMA_VALIDATION_FAILED: The variable name '" + tooLong + "' " + BAD_NAME + " at "
                                + "/States/S/Assign/" + tooLong,
                        "SCHEMA_VALIDATION_FAILED: The variable name 'a b' " + BAD_NAME + " at /States/S/Assign/a b");
    }

    @Test
    void takes_unicode_letters_digits_underscores_and_exactly_80_characters() {
        assertValid(oneState("{\"Type\": \"Pass\", \"Assign\": {\"größe\": 1, \"_private\": 2, \"x1_y2\": 3, \""
                + "v".repeat(80) + "\": 4, \"名前\": 5}, \"End\": true}"));
    }

    @Test
    void checks_the_names_a_choice_rule_and_a_catcher_assign() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"{% true %}\", "
                + "\"Assign\": {\"bad name\": 1}, \"Next\": \"S\"}]}").replace("\"S\": {", "\"S\": {"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The variable name 'bad name' " + BAD_NAME
                        + " at /States/S/Choices[0]/Assign/bad name", "MISSING_END_STATE: Workflow has no terminal "
                        + "state at null");
        assertDiagnostics(oneJsonataState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Assign\": {\"states\": 1}, \"Next\": \"S\"}], "
                + "\"End\": true}")).containsExactly("SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved "
                        + "for $states at /States/S/Catch[0]/Assign/states");
    }

    @Test
    void lets_a_branch_assign_a_name_that_the_outer_scope_assigns_too() {
        // AWS ran this shape: PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING assigns inputVar in a branch and in the catcher
        assertValid("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": "
                + "\"Parallel\", \"Assign\": {\"x\": 1}, \"Branches\": [{\"StartAt\": \"B\", \"States\": {\"B\": "
                + "{\"Type\": \"Pass\", \"Assign\": {\"x\": 2}, \"End\": true}}}], \"End\": true}}}");
    }

    // ---- Arguments and Output where AWS has them -------------------------------------------------------------

    @Test
    void has_arguments_only_in_task_and_parallel_states() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Pass\", \"Arguments\": {}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Arguments' is not supported at /States/S");
        assertDiagnostics(oneJsonataState("{\"Type\": \"Map\", \"Arguments\": {}, \"ItemProcessor\": {\"StartAt\": "
                + "\"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Arguments' is not supported at /States/S");
        assertValid(oneJsonataState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"Arguments\": \"{% $states.input %}\", \"End\": true}"));
        assertValid(oneJsonataState("{\"Type\": \"Parallel\", \"Arguments\": {\"a\": \"{% 1 %}\"}, \"Branches\": "
                + "[{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Succeed\"}}}], \"End\": true}"));
    }

    @Test
    void has_no_output_nor_assign_in_a_fail_state() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Fail\", \"Output\": 1, \"Assign\": {\"a\": 1}}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Output' is not supported at /States/S",
                        "SCHEMA_VALIDATION_FAILED: Field 'Assign' is not supported at /States/S");
    }

    @Test
    void has_no_assign_in_a_succeed_state_but_an_output() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Succeed\", \"Assign\": {\"a\": 1}}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Assign' is not supported at /States/S");
        assertValid(oneJsonataState("{\"Type\": \"Succeed\", \"Output\": \"{% $states.input %}\"}"));
    }

    @Test
    void refuses_every_jsonpath_only_field_of_a_jsonata_task() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"InputPath\": \"$\", \"ResultSelector\": {}, \"TimeoutSecondsPath\": \"$.t\", \"End\": true}"))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is "
                                + "only supported for the 'JSONPath' QueryLanguage at /States/S",
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultSelector'"
                                + " is only supported for the 'JSONPath' QueryLanguage at /States/S",
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field "
                                + "'TimeoutSecondsPath' is only supported for the 'JSONPath' QueryLanguage at "
                                + "/States/S");
    }

    // ---- {% %} only where a value is taken ------------------------------------------------------------------

    @Test
    void takes_jsonata_in_the_fields_that_take_a_value() {
        assertValid(oneJsonataState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"TimeoutSeconds\": \"{% 5 %}\", \"HeartbeatSeconds\": \"{% 2 %}\", \"End\": true}"));
        assertValid(oneJsonataState("{\"Type\": \"Wait\", \"Seconds\": \"{% 1 %}\", \"End\": true}"));
        assertValid(oneJsonataState("{\"Type\": \"Wait\", \"Timestamp\": \"{% $now() %}\", \"End\": true}"));
        assertValid(oneJsonataState("{\"Type\": \"Fail\", \"Error\": \"{% 'E' %}\", \"Cause\": \"{% 'C' %}\"}"));
        assertValid(oneJsonataState("{\"Type\": \"Map\", \"Items\": \"{% [1] %}\", \"MaxConcurrency\": \"{% 1 %}\","
                + " \"ToleratedFailureCount\": \"{% 0 %}\", \"ToleratedFailurePercentage\": \"{% 5 %}\", "
                + "\"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, "
                + "\"End\": true}"));
    }

    @Test
    void takes_no_jsonata_where_the_field_is_a_number_of_the_definition() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": \"{% 1 %}\"}], \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Expected value of type Integer at "
                        + "/States/S/Retry[0]/MaxAttempts");
    }

    @Test
    void reads_jsonata_delimiters_in_a_jsonpath_state_as_text() {
        // recorded: a JSONPath Wait's Timestamp "{% '2016-03-14T01:59:00Z' %}" is not a timestamp
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"{% '2016-03-14T01:59:00Z' %}\", "
                + "\"End\": true}")).containsExactly(
                        "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp");
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Seconds\": \"{% 1 %}\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Expected value of type Integer at /States/S/Seconds");
        assertValid(oneState("{\"Type\": \"Pass\", \"Result\": \"{% $nope %}\", \"End\": true}"));
    }
}
