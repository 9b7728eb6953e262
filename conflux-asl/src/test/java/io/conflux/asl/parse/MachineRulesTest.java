package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;

import org.junit.jupiter.api.Test;

/** The top level of a definition: its fields and its QueryLanguage. */
class MachineRulesTest {
    private static final String STATES = "\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}";

    @Test
    void requires_states_and_start_at_together_in_aws_order() {
        assertDiagnostics("{}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /");
        assertDiagnostics("{\"StartAt\": \"S\"}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /");
        assertDiagnostics("{\"States\": {\"S\": {\"Type\": \"Succeed\"}}}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /");
    }

    @Test
    void rejects_an_unknown_top_level_field_at_the_root() {
        assertDiagnostics("{\"Coment\": \"typo\", " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported at /");
    }

    @Test
    void requires_start_at_to_be_a_string_and_states_an_object() {
        assertDiagnostics("{\"StartAt\": 1, \"States\": []}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /StartAt",
                "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States");
    }

    @Test
    void requires_at_least_one_state() {
        assertDiagnostics("{\"StartAt\": \"S\", \"States\": {}}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States");
    }

    @Test
    void accepts_only_version_1_0() {
        assertValid("{\"Version\": \"1.0\", " + STATES + "}");
        assertDiagnostics("{\"Version\": \"2.0\", " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [1.0] at /Version");
    }

    @Test
    void bounds_the_machine_timeout_but_accepts_zero() {
        assertValid("{\"TimeoutSeconds\": 0, " + STATES + "}");
        assertDiagnostics("{\"TimeoutSeconds\": -1, " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /TimeoutSeconds");
        assertDiagnostics("{\"TimeoutSeconds\": 100000000, " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /TimeoutSeconds");
        assertDiagnostics("{\"TimeoutSeconds\": \"60\", " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type Integer at /TimeoutSeconds");
    }

    @Test
    void reports_a_query_language_outside_the_enumeration_at_its_field() {
        assertDiagnostics("{\"QueryLanguage\": \"jsonata\", " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /QueryLanguage");
        assertDiagnostics("{\"QueryLanguage\": 5, " + STATES + "}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /QueryLanguage");
    }

    @Test
    void takes_any_query_language_but_exactly_jsonpath_as_jsonata_as_aws_does() {
        assertDiagnostics("{\"QueryLanguage\": \"jsonpath\", \"StartAt\": \"S\", \"States\": {\"S\": "
                + "{\"Type\": \"Pass\", \"InputPath\": \"$.a\", \"End\": true}}}").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /QueryLanguage",
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only "
                        + "supported for the 'JSONPath' QueryLanguage at /States/S");
    }
}
