package io.conflux.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus case of category {@code intrinsic_functions}, recorded on AWS (see {@code conformance/NOTICE.md}),
 * evaluated without an engine: each is one Pass state whose Parameters call an intrinsic, so the Pass output is the
 * Parameters' value.
 */
class IntrinsicConformanceTest {
    /** What the engine puts before a state's runtime cause; our exceptions carry the cause without it. */
    private static final String CAUSE_PREFIX =
            "An error occurred while executing the state '%s' (entered at the event id #2). ";

    /** The recorder replaced MathRandom's results with this text, since they differ on every run. */
    private static final String RANDOM_PLACEHOLDER = "RandomNumberGenerated";

    static Stream<Arguments> cases() {
        return Conformance.corpus(c -> "intrinsic_functions".equals(c.path("category").asText())).stream()
                .map(c -> Arguments.of(c.get("id").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates_as_aws_recorded(String id, JsonNode c) {
        ParseResult parsed = Asl.parse(Json.write(c.get("definition")));
        assertThat(parsed.errors()).as("diagnostics of %s", id).isEmpty();
        Map<String, State> states = parsed.machine().graph().states();
        if (states.size() != 1 || !(states.values().iterator().next() instanceof PassState pass)
                || pass.io().parameters() == null) {
            Assumptions.abort("needs an engine: not a single Pass state with Parameters");
            return;
        }
        JsonNode input = c.get("input");
        SimpleScope scope = new SimpleScope(input, context(input, pass.name()), Map.of());
        JsonNode expected = c.get("expected");
        if (expected.path("status").asText().equals("SUCCEEDED")) {
            JsonNode output = pass.io().parameters().evaluate(scope);
            assertThat(Conformance.matches(expected.get("output"), withRandomPlaceholder(expected, output, input)))
                    .as("%s%n expected %s%n but got  %s", id, expected.get("output"), output)
                    .isTrue();
        } else {
            String cause = expected.path("cause").asText();
            String prefix = CAUSE_PREFIX.formatted(pass.name());
            String bare = cause.startsWith(prefix) ? cause.substring(prefix.length()) : cause;
            assertThatThrownBy(() -> pass.io().parameters().evaluate(scope))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo(expected.path("error").asText());
                        assertThat(Conformance.matchesText(bare, e.cause())).as(e.cause()).isTrue();
                    });
        }
    }

    /**
     * Where the recording shows the placeholder, checks that ours is an integer in [start, end) and puts the
     * placeholder in its place.
     */
    private static JsonNode withRandomPlaceholder(JsonNode expected, JsonNode output, JsonNode input) {
        if (!RANDOM_PLACEHOLDER.equals(expected.path("output").path("FunctionResult").asText())) {
            return output;
        }
        JsonNode value = output.get("FunctionResult");
        JsonNode bounds = input.get("FunctionInput");
        if (!value.isInt() || value.intValue() < bounds.get("fst").intValue()
                || value.intValue() >= bounds.get("snd").intValue()) {
            fail("Expected an integer in [%s, %s), but got %s", bounds.get("fst"), bounds.get("snd"), value);
        }
        ObjectNode replaced = Json.object();
        replaced.put("FunctionResult", RANDOM_PLACEHOLDER);
        return replaced;
    }

    /** A context object shaped as AWS's, with the recording's account id. */
    private static JsonNode context(JsonNode input, String stateName) {
        String machine = "IntrinsicMachine-a1b2c3";
        String execution = "exec-9f8e7d";
        ObjectNode context = Json.object();
        ObjectNode exec = context.putObject("Execution");
        exec.put("Id", "arn:aws:states:us-east-1:111111111111:execution:" + machine + ":" + execution);
        exec.set("Input", input);
        exec.put("Name", execution);
        exec.put("RoleArn", "arn:aws:iam::111111111111:role/sfn-role");
        exec.put("StartTime", "2024-01-01T00:00:00.000Z");
        ObjectNode sm = context.putObject("StateMachine");
        sm.put("Id", "arn:aws:states:us-east-1:111111111111:stateMachine:" + machine);
        sm.put("Name", machine);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", "2024-01-01T00:00:00.000Z");
        state.put("Name", stateName);
        state.put("RetryCount", 0);
        return context;
    }
}
