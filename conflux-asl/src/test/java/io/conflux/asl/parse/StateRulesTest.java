package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.oneJsonataState;
import static io.conflux.asl.parse.Definitions.oneState;
import static io.conflux.asl.parse.Definitions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Diagnostic;
import org.junit.jupiter.api.Test;

/** What every state has: an object with a known Type, the fields of its type and language, Next or End, a name. */
class StateRulesTest {

    @Test
    void requires_a_state_to_be_an_object() {
        assertDiagnostics(oneState("[]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/S");
    }

    @Test
    void requires_a_type() {
        assertDiagnostics(oneState("{\"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/S");
    }

    @Test
    void lists_the_types_when_the_type_is_unknown() {
        assertDiagnostics(oneState("{\"Type\": \"Sleep\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, "
                        + "Succeed, Fail, Choice, Parallel, Map] at /States/S/Type");
    }

    @Test
    void rejects_a_field_the_type_does_not_have_at_the_state() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"TimeoutSeconds\": 5, \"Catch\": [], \"End\": true}"))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/S",
                        "SCHEMA_VALIDATION_FAILED: Field 'Catch' is not supported at /States/S");
        assertDiagnostics(oneState("{\"Type\": \"Succeed\", \"Next\": \"S\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/S");
    }

    @Test
    void rejects_jsonata_fields_in_a_jsonpath_state() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Output\": {}, \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only "
                        + "supported for the 'JSONata' QueryLanguage at /States/S");
    }

    @Test
    void rejects_jsonpath_fields_in_a_jsonata_state_in_document_order() {
        assertDiagnostics(oneJsonataState("{\"Type\": \"Pass\", \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\", "
                + "\"ResultPath\": \"$.c\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only "
                        + "supported for the 'JSONPath' QueryLanguage at /States/S",
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'OutputPath' is only "
                        + "supported for the 'JSONPath' QueryLanguage at /States/S",
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only "
                        + "supported for the 'JSONPath' QueryLanguage at /States/S");
    }

    @Test
    void refuses_to_take_a_state_of_a_jsonata_machine_back_to_jsonpath_and_says_only_that() {
        assertDiagnostics(oneJsonataState(
                "{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPath\", \"Output\": {\"v\": 1}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to "
                        + "'JSONata' for whole state machine at /States/S");
    }

    @Test
    void lets_a_jsonpath_machine_have_jsonata_states() {
        assertValid(oneState("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"End\": true}"));
    }

    @Test
    void gives_inner_states_the_machines_language_not_the_maps() {
        assertDiagnostics("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"QueryLanguage\": "
                + "\"JSONata\", \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                + "\"Output\": 1, \"End\": true}}}, \"End\": true}}}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only "
                        + "supported for the 'JSONata' QueryLanguage at /States/M/ItemProcessor/States/P");
    }

    @Test
    void reports_a_misspelled_state_query_language_at_its_field_and_takes_it_as_jsonata() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"QueryLanguage\": \"jsonata\", \"InputPath\": \"$.a\", "
                + "\"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only "
                        + "supported for the 'JSONPath' QueryLanguage at /States/S",
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at "
                        + "/States/S/QueryLanguage");
    }

    @Test
    void refuses_both_next_and_end() {
        assertDiagnostics("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Next\": \"T\", "
                + "\"End\": true}, \"T\": {\"Type\": \"Succeed\"}}}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] at "
                        + "/States/S");
    }

    @Test
    void requires_next_or_end() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\"}")).contains(
                "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] "
                        + "at /States/S");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"End\": false}")).contains(
                "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] "
                        + "at /States/S");
    }

    @Test
    void requires_end_to_be_a_boolean_and_next_a_string() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"End\": \"true\"}")).contains(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [BOOLEAN] at /States/S/End");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Next\": 1}")).contains(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/Next");
    }

    @Test
    void limits_state_names_to_80_characters() {
        String name = "N".repeat(81);
        assertDiagnostics("{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": {\"Type\": \"Succeed\"}}}")
                .containsExactly("INVALID_STATE_NAME: State name '" + name
                        + "' exceeds the 80-character limit allowed by the service at /States/" + name);
        String eighty = "é".repeat(80); // counted in characters, not bytes or UTF-16 units
        assertValid("{\"StartAt\": \"" + eighty + "\", \"States\": {\"" + eighty + "\": {\"Type\": \"Succeed\"}}}");
    }

    @Test
    void refuses_a_state_name_used_again_in_a_branch() {
        assertDiagnostics("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": [{"
                + "\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}], \"End\": true}}}")
                .containsExactly("DUPLICATE_STATE_NAME: Duplicate State name: P at /States/P/Branches[0]/States/P");
    }

    @Test
    void refuses_a_state_name_written_twice_in_one_states_object() {
        assertDiagnostics("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true}, "
                + "\"S\": {\"Type\": \"Succeed\"}}}")
                .containsExactly("DUPLICATE_STATE_NAME: Duplicate State name: S at /States/S");
    }

    @Test
    void names_the_innermost_state_of_a_problem_and_points_at_it_with_rfc_6901() {
        Diagnostic d = parse("{\"StartAt\": \"a/b\", \"States\": {\"a/b\": {\"Type\": \"Parallel\", \"End\": true, "
                + "\"Branches\": [{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"End\": true, "
                + "\"Seconds\": -1}}}]}}}").errors().get(0);
        assertThat(d.location()).isEqualTo("/States/a/b/Branches[0]/States/W/Seconds");
        assertThat(d.pointer()).isEqualTo("/States/a~1b/Branches/0/States/W/Seconds");
        assertThat(d.stateName()).isEqualTo("W");
    }
}
