package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import org.junit.jupiter.api.Test;

/** Text that is not a definition at all: empty, not JSON, not YAML. */
class SourceRulesTest {

    @Test
    void reports_text_that_is_not_json_as_aws_prints_it() {
        ParseResult result = parse("not a definition");
        Diagnostic d = result.diagnostics().get(0);
        assertThat(result.diagnostics()).hasSize(1);
        assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(d.location()).isEqualTo("[Source: (String)\"not a definition\"; line: 1, column: 4]");
        assertThat(d.message()).isEqualTo("Unrecognized token 'not': was expecting (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, "
                + "column: 4]");
        assertThat(d.pointer()).isNull();
        assertThat(result.isValid()).isFalse();
    }

    @Test
    void places_an_unrecognized_token_just_after_it_as_the_jackson_behind_aws_does() {
        assertThat(parse("{\"StartAt\": tru}").diagnostics().get(0).location())
                .isEqualTo("[Source: (String)\"{\"StartAt\": tru}\"; line: 1, column: 16]");
    }

    @Test
    void reports_a_missing_value_with_the_parsers_words() {
        assertDiagnostics("{\"StartAt\": }").containsExactly("INVALID_JSON_DESCRIPTION: Unexpected character "
                + "('}' (code 125)): expected a value\n at [Source: (String)\"{\"StartAt\": }\"; line: 1, column: 13]"
                + " at [Source: (String)\"{\"StartAt\": }\"; line: 1, column: 13]");
    }

    @Test
    void reports_an_unclosed_object() {
        Diagnostic d = parse("{\"StartAt\": \"A\"").diagnostics().get(0);
        assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(d.message()).startsWith("Unexpected end-of-input: expected close marker for Object");
        assertThat(d.location()).isEqualTo("[Source: (String)\"{\"StartAt\": \"A\"\"; line: 1, column: 16]");
    }

    @Test
    void reports_content_after_the_definition() {
        Diagnostic d = parse("{} {}").diagnostics().get(0);
        assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(d.message()).startsWith("Trailing token (of type START_OBJECT) found after the definition");
    }

    @Test
    void reports_an_empty_definition_as_missing() {
        assertDiagnostics("  \n").containsExactly(
                "MISSING_DESCRIPTION: Received a null or empty workflow input. at /");
        assertDiagnostics((String) null).containsExactly(
                "MISSING_DESCRIPTION: Received a null or empty workflow input. at /");
    }

    @Test
    void requires_the_definition_to_be_an_object() {
        assertDiagnostics("[1, 2]").containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /");
    }

    @Test
    void locates_problems_of_a_yaml_definition_at_the_same_pointers_as_json() {
        String yaml = """
                StartAt: P
                States:
                  P:
                    Type: Parallel
                    End: true
                    Branches:
                      - StartAt: W
                        States:
                          W:
                            Type: Wait
                            Seconds: -1
                            End: true
                """;
        ParseResult result = Asl.parse(yaml, Asl.Options.DEFAULT.withFormat(Asl.Format.YAML));
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.awsText()).isEqualTo(
                    "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/P/Branches[0]/States/W/Seconds");
            assertThat(d.pointer()).isEqualTo("/States/P/Branches/0/States/W/Seconds");
            assertThat(d.stateName()).isEqualTo("W");
        });
        assertThat(Asl.parse(yaml, Asl.Options.DEFAULT.withFormat(Asl.Format.AUTO)).diagnostics())
                .isEqualTo(result.diagnostics());
    }

    @Test
    void reports_a_yaml_syntax_error_with_jacksons_location() {
        ParseResult result = Asl.parse("StartAt: [A\nStates: {", Asl.Options.DEFAULT.withFormat(Asl.Format.YAML));
        Diagnostic d = result.diagnostics().get(0);
        assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(d.location()).isEqualTo("[Source: (StringReader); line: 2, column: 7]");
        assertThat(d.message()).endsWith("\n at " + d.location());
    }

    @Test
    void takes_the_last_of_repeated_keys_outside_states_as_aws_does() {
        assertDiagnostics("{\"StartAt\": \"X\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}")
                .isEmpty();
    }
}
