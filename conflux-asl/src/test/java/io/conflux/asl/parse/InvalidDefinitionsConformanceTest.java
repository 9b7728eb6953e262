package io.conflux.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The definitions AWS rejected (CreateStateMachine's InvalidDefinition) and AWS's ValidateStateMachineDefinition
 * answers, from {@code invalid_definitions.jsonl}: we must give exactly the recorded code, location and message.
 * Cases about other request fields belong to the server and are skipped with the reason.
 */
class InvalidDefinitionsConformanceTest {

    /** Cases that are not about the definition, by a part of their id, with why they are not ours. */
    private static final Map<String, String> NOT_ABOUT_THE_DEFINITION = Map.of(
            "test_invalid_logging_configuration", "the server validates loggingConfiguration",
            "test_multiple_destinations", "the server validates loggingConfiguration",
            "test_create_with_version_description_no_publish", "the server validates versionDescription",
            "test_update_state_machine#invalid_arn", "the server resolves state machine ARNs",
            "null_required_parameter", "the SDK refuses null parameters before any request");

    @TestFactory
    Stream<DynamicTest> every_recorded_definition_case_gets_the_recorded_answer() {
        return Conformance.load("invalid_definitions.jsonl").stream()
                .map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> test_state_cases_that_reject_the_machine_definition_get_the_recorded_message() {
        return Conformance.load("test_state_cases.jsonl").stream()
                .filter(c -> c.path("request").has("stateName"))
                .filter(c -> c.path("expected_error").path("Error").path("Code").asText().equals("InvalidDefinition"))
                .map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                    JsonNode definition = c.path("request").get("definition");
                    ParseResult result = Asl.parse(Json.write(definition));
                    assertThat(result.isValid()).isFalse();
                    assertThat(result.invalidDefinitionMessage())
                            .isEqualTo(c.path("expected_error").path("Error").path("Message").asText());
                }));
    }

    private static void check(JsonNode c) {
        String id = c.get("id").asText();
        for (Map.Entry<String, String> skip : NOT_ABOUT_THE_DEFINITION.entrySet()) {
            if (id.contains(skip.getKey())) {
                abort("Not about the definition: " + skip.getValue());
            }
        }
        String api = c.get("api").asText();
        JsonNode definition = c.get("definition");
        String text = c.path("definition_is_json").asBoolean() ? Json.write(definition) : definition.asText();
        if (api.equals("ValidateStateMachineDefinition")) {
            boolean express = c.path("request").path("type").asText().equals("EXPRESS");
            validate(c, Asl.parse(text, Asl.Options.DEFAULT.withExpress(express)), definition);
        } else if (c.path("expected_error").path("code").asText().equals("InvalidDefinition")) {
            boolean express = c.path("other_request_fields").path("type").asText().equals("EXPRESS");
            ParseResult result = Asl.parse(text, Asl.Options.DEFAULT.withExpress(express));
            String expected = c.path("expected_error").path("message").asText();
            List<Diagnostic> stubbed = stubbed(result, definition);
            if (!stubbed.isEmpty()) {
                // The JSONata compiler is a stub: compare what remains, and say so.
                ParseResult without = new ParseResult(null,
                        result.diagnostics().stream().filter(d -> !stubbed.contains(d)).toList());
                assertThat(without.invalidDefinitionMessage()).isEqualTo(expected);
                abort("Matches the recorded message once the diagnostics of stubbed compilers are left out: "
                        + stubbed);
            }
            assertThat(result.isValid()).isFalse();
            assertThat(result.invalidDefinitionMessage()).isEqualTo(expected);
        } else {
            throw new AssertionError("A case of a kind this test does not know: " + id);
        }
    }

    private static void validate(JsonNode c, ParseResult result, JsonNode definition) {
        JsonNode expected = c.path("expected");
        List<Map<String, String>> actual = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            m.put("code", d.code());
            if (d.location() != null) {
                m.put("location", d.location());
            }
            m.put("message", d.message());
            m.put("severity", d.severity().name());
            actual.add(m);
        }
        JsonNode actualJson = Json.MAPPER.valueToTree(actual);
        assertThat(actualJson).isEqualTo(expected.get("diagnostics"));
        assertThat(result.isValid() ? "OK" : "FAIL").isEqualTo(expected.get("result").asText());
        assertThat(c.path("valid").asBoolean()).isEqualTo(result.isValid());
    }

    private static List<Diagnostic> stubbed(ParseResult result, JsonNode definition) {
        return result.diagnostics().stream().filter(d -> CorpusDefinitionsTest.isStubbed(d, definition)).toList();
    }
}
