package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.oneJsonataState;
import static io.conflux.asl.parse.Definitions.oneState;
import static io.conflux.asl.parse.Definitions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import org.junit.jupiter.api.Test;

/** The warnings: they are reported, and never make a definition invalid. */
class WarningsTest {

    @Test
    void warns_of_a_path_in_a_template_field_without_dollar() {
        ParseResult result = parse(oneState("{\"Type\": \"Pass\", \"Parameters\": {\"name\": \"$.name\", \"call\": "
                + "\"States.UUID()\", \"deep\": {\"ctx\": \"$$.Execution.Id\"}, \"ok.$\": \"$.ok\", \"text\": "
                + "\"$5 off\"}, \"End\": true}"));
        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Diagnostic::awsText).containsExactly(
                "NO_DOLLAR: The value of the field 'name' looks like a JSONPath or an intrinsic function, but the "
                        + "field name does not end with '.$' at /States/S/Parameters/name",
                "NO_DOLLAR: The value of the field 'call' looks like a JSONPath or an intrinsic function, but the "
                        + "field name does not end with '.$' at /States/S/Parameters/call",
                "NO_DOLLAR: The value of the field 'ctx' looks like a JSONPath or an intrinsic function, but the "
                        + "field name does not end with '.$' at /States/S/Parameters/deep/ctx");
        assertThat(result.warnings()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING));
    }

    @Test
    void warns_of_a_path_in_a_field_whose_name_lacks_path() {
        ParseResult result = parse(oneState("{\"Type\": \"Fail\", \"Error\": \"$.error\", \"Cause\": \"boom\"}"));
        assertThat(result.isValid()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::awsText).containsExactly(
                "NO_PATH: The value of the field 'Error' looks like a path, but the field name does not end with "
                        + "'Path' at /States/S/Error");
    }

    @Test
    void warns_that_the_result_of_a_pass_state_is_static() {
        ParseResult result = parse(oneState("{\"Type\": \"Pass\", \"Result\": {\"a\": {\"b.$\": \"$.c\"}}, "
                + "\"End\": true}"));
        assertThat(result.isValid()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::awsText).containsExactly(
                "PASS_RESULT_IS_STATIC: The field 'Result' is static: its fields ending in '.$' are not evaluated "
                        + "as paths at /States/S/Result");
    }

    @Test
    void says_nothing_of_jsonata_states() {
        ParseResult result = parse(oneJsonataState("{\"Type\": \"Fail\", \"Error\": \"$.error\"}"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void leaves_warnings_out_of_the_invalid_definition_message() {
        ParseResult result = parse(oneState("{\"Type\": \"Pass\", \"Parameters\": {\"name\": \"$.name\"}, "
                + "\"ResultPath\": \"$.a[*]\", \"End\": true}"));
        assertThat(result.warnings()).hasSize(1);
        assertThat(result.invalidDefinitionMessage()).isEqualTo("Invalid State Machine Definition: "
                + "'SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath'");
    }
}
