package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API responses recorded against AWS in {@code conformance/invalid_definitions.jsonl} (see the NOTICE there):
 * CreateStateMachine and UpdateStateMachine errors and ValidateStateMachineDefinition results, compared exactly (up
 * to the recording's placeholders).
 */
class RecordedApiCasesTest {
    static TestServer t;
    static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() {
        // The account the recordings were made in.
        t = TestServer.start(b -> b.accountId("111111111111"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static Stream<Arguments> cases() {
        List<JsonNode> all = Conformance.load("invalid_definitions.jsonl");
        assertThat(all).hasSize(21);
        // One case is the Python SDK's own parameter check, which never reaches a server.
        return all.stream().filter(c -> !c.path("expected_error").path("code").isNull()
                || c.path("api").asText().equals("ValidateStateMachineDefinition"))
                .map(c -> Arguments.of(c.path("id").asText().replaceFirst("^v2/", ""), c));
    }

    private static String definitionText(JsonNode c) {
        JsonNode d = c.get("definition");
        return c.path("definition_is_json").asBoolean() ? Json.write(d) : d.asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers_as_aws_answered(String id, JsonNode c) throws Exception {
        String api = c.path("api").asText();
        ObjectNode body = Json.object();
        TestServer.Raw r;
        switch (api) {
            case "ValidateStateMachineDefinition" -> {
                body.put("definition", definitionText(c));
                body.setAll((ObjectNode) c.path("request"));
                r = t.post("AWSStepFunctions." + api, Json.write(body));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(Conformance.matches(c.get("expected"), r.json()))
                        .as("got %s, recorded %s", r.body(), c.get("expected")).isTrue();
                return;
            }
            case "CreateStateMachine" -> {
                body.put("name", "recorded-" + names.incrementAndGet());
                body.put("definition", definitionText(c));
                body.put("roleArn", TestServer.ROLE);
                body.setAll((ObjectNode) c.path("other_request_fields"));
                r = t.post("AWSStepFunctions." + api, Json.write(body));
            }
            case "UpdateStateMachine" -> {
                // The recording updates version 2 of a state machine that has none.
                String arn = t.create("recorded-" + names.incrementAndGet(), definitionText(c));
                body.put("stateMachineArn", arn + ":2");
                body.put("definition", definitionText(c));
                body.setAll((ObjectNode) c.path("other_request_fields"));
                r = t.post("AWSStepFunctions." + api, Json.write(body));
            }
            default -> throw new AssertionError("Unexpected recorded API " + api);
        }
        JsonNode expected = c.get("expected_error");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("__type").asText()).endsWith("#" + expected.path("code").asText());
        assertThat(Conformance.matchesText(expected.path("message").asText(), r.json().path("message").asText()))
                .as("got %s, recorded %s", r.json().path("message").asText(), expected.path("message").asText())
                .isTrue();
    }
}
