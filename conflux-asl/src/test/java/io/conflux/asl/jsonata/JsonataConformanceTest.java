package io.conflux.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.StatesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The recorded AWS cases of categories {@code intrinsic_functions/jsonata} and {@code jsonata/output} that are one
 * Pass state in JSONata: the state's {@code Output} is compiled and evaluated against the execution input (a Pass
 * state's {@code $states.input}), and compared with what AWS answered. Cases that need the engine are skipped, each
 * with its reason printed.
 */
class JsonataConformanceTest {
    private static final Set<String> CATEGORIES = Set.of("intrinsic_functions/jsonata", "jsonata/output");
    /** The engine's part of a cause: "An error occurred while executing the state 'X' (entered at the event id #N). " */
    private static final String STATE_PREFIX = "^An error occurred while executing the state '[^']*' \\(entered at the "
            + "event id #\\d+\\)\\. ";

    @TestFactory
    Stream<DynamicTest> single_pass_states_answer_as_aws_recorded() {
        List<JsonNode> cases = Conformance.corpus(c -> CATEGORIES.contains(c.path("category").asText())
                && c.path("pure").asBoolean());
        List<DynamicTest> tests = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode c : cases) {
            String id = c.get("id").asText();
            String reason = skipReason(c.get("definition"));
            if (reason != null) {
                skipped.add(id + ": " + reason);
                continue;
            }
            tests.add(DynamicTest.dynamicTest(id, () -> check(c)));
        }
        System.out.printf("JSONata conformance: %d of %d cases run here; %d skipped:%n", tests.size(), cases.size(),
                skipped.size());
        skipped.forEach(s -> System.out.println("  skipped " + s));
        assertThat(tests).hasSizeGreaterThanOrEqualTo(25);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> every_expression_in_the_recorded_definitions_compiles() {
        // AWS accepted all these definitions, so none of their expressions may be refused here
        List<JsonNode> definitions = new ArrayList<>();
        Conformance.load("corpus.jsonl").forEach(c -> definitions.add(c.get("definition")));
        Conformance.load("test_state_cases.jsonl").forEach(c -> definitions.add(c.path("request").path("definition")));
        List<String> expressions = new ArrayList<>();
        definitions.forEach(d -> collect(d, expressions));
        assertThat(expressions).hasSizeGreaterThan(100);
        return expressions.stream().distinct().map(text -> DynamicTest.dynamicTest(text, () -> {
            Jsonatas.Collected problems = new Jsonatas.Collected();
            assertThat(JsonataCompiler.compileExpression(text, "Output", "/Output", problems)).isNotNull();
            assertThat(problems.all).isEmpty();
        }));
    }

    private static void collect(JsonNode node, List<String> out) {
        if (JsonataCompiler.isExpression(node)) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
    }

    /** Why a case needs more than one Pass state's Output; null when it does not. */
    private static String skipReason(JsonNode definition) {
        JsonNode states = definition.get("States");
        if (states.size() != 1) {
            return "needs the engine: " + states.size() + " states";
        }
        JsonNode state = states.elements().next();
        if (!state.path("Type").asText().equals("Pass")) {
            return "needs the engine: a " + state.path("Type").asText() + " state";
        }
        boolean jsonata = "JSONata".equals(state.path("QueryLanguage").asText(definition.path("QueryLanguage").asText()));
        if (!jsonata) {
            return "not a JSONata state";
        }
        return state.has("Output") ? null : "no Output to evaluate";
    }

    private static void check(JsonNode c) {
        JsonNode state = c.get("definition").get("States").elements().next();
        String name = c.get("definition").get("States").fieldNames().next();
        JsonataTemplate output = JsonataCompiler.compileTemplate(state.get("Output"), "Output",
                "/States/" + name + "/Output", Jsonatas.NONE);
        JsonNode expected = c.get("expected");
        SimpleScope scope = new SimpleScope(c.get("input"), Json.object(), Map.of());
        if (expected.get("status").asText().equals("SUCCEEDED")) {
            JsonNode actual = output.evaluate(scope);
            assertThat(Conformance.matches(expected.get("output"), actual))
                    .as("expected %s but got %s", expected.get("output"), actual)
                    .isTrue();
            return;
        }
        try {
            JsonNode actual = output.evaluate(scope);
            throw new AssertionError("Expected " + expected.get("error") + ", but the Output was " + actual);
        } catch (StatesException e) {
            assertThat(e.error()).isEqualTo(expected.get("error").asText());
            String cause = expected.get("cause").asText().replaceFirst(STATE_PREFIX, "");
            assertThat(Conformance.matchesText(cause, e.cause())).as("cause %s", e.cause()).isTrue();
        }
    }
}
