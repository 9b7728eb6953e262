package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.oneState;

import org.junit.jupiter.api.Test;

/** The JSONPath fields: filters, reference paths, payload templates and path-or-call fields. */
class PathRulesTest {

    @Test
    void requires_input_and_output_path_to_be_paths() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"OutputPath\": \"Test\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at /States/S/OutputPath");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"InputPath\": 3, \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/InputPath");
    }

    @Test
    void accepts_null_paths_and_paths_over_the_context_and_variables() {
        assertValid(oneState("{\"Type\": \"Pass\", \"InputPath\": null, \"OutputPath\": null, \"ResultPath\": null, "
                + "\"End\": true}"));
        assertValid(oneState("{\"Type\": \"Pass\", \"InputPath\": \"$$.Execution.Input\", \"OutputPath\": "
                + "\"$x.y[0]\", \"End\": true}"));
    }

    @Test
    void requires_result_path_to_be_a_reference_path() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"ResultPath\": \"result\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't "
                        + "start with '$' at /States/S/ResultPath");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"ResultPath\": \"$.a[*]\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"ResultPath\": \"$$.Execution\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath");
    }

    @Test
    void requires_a_dollar_field_of_parameters_to_hold_a_path_or_a_call_and_says_so_at_parameters() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Parameters\": {\"a\": {\"JobName.$\": \"foo\"}}, "
                + "\"End\": true}")).containsExactly("SCHEMA_VALIDATION_FAILED: The value for the field 'JobName.$' "
                + "must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters");
    }

    @Test
    void reports_a_malformed_intrinsic_call_as_aws_does() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Format('{}', \"}, "
                + "\"End\": true}")).containsExactly("SCHEMA_VALIDATION_FAILED: The value for the field 'a.$' "
                + "must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters");
    }

    @Test
    void requires_assign_to_be_an_object_whose_dollar_fields_hold_paths() {
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Assign\": {\"Variable.$\": \"Test\"}, \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The value for the field 'Variable.$' must be a valid "
                        + "JSONPath or a valid intrinsic function call at /States/S/Assign");
        assertDiagnostics(oneState("{\"Type\": \"Pass\", \"Assign\": [], \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/S/Assign");
    }

    @Test
    void requires_the_path_of_a_value_to_select_one_value() {
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"SecondsPath\": \"$.waits[*]\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/SecondsPath");
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"SecondsPath\": \"waits\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't "
                        + "start with '$' at /States/S/SecondsPath");
        assertValid(oneState("{\"Type\": \"Wait\", \"SecondsPath\": \"$seconds\", \"End\": true}"));
    }

    @Test
    void requires_error_path_to_be_a_path_or_a_call() {
        assertDiagnostics(oneState("{\"Type\": \"Fail\", \"ErrorPath\": \"error\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The value for the field 'ErrorPath' must be a valid JSONPath or a valid "
                        + "intrinsic function call at /States/S/ErrorPath");
        assertValid(oneState("{\"Type\": \"Fail\", \"ErrorPath\": \"$.error\", \"CausePath\": \"$$.State.Name\"}"));
    }
}
