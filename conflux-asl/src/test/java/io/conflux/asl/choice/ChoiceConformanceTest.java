package io.conflux.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.Io;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.ValueSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus case of category {@code choice}, recorded against AWS (see {@code conformance/NOTICE.md}), decided
 * without an engine: the cases are a Choice state leading to Pass, Succeed or Fail states without data-flow fields,
 * so a tiny walk over the graph is enough. Cases the walk cannot run are skipped with the reason.
 */
class ChoiceConformanceTest {

    private static final List<JsonNode> CASES = Conformance.corpus(c -> c.get("category").asText().equals("choice"));

    /** How an execution of a case ended. */
    private record Outcome(String status, JsonNode output, String error, String cause) {}

    @TestFactory
    Stream<DynamicTest> every_choice_case_ends_as_recorded_on_aws() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
            String skip = whyNotRunnable(c);
            assumeThat(skip).as("skipped: %s", skip).isNull();
            Outcome outcome = run(c);
            JsonNode expected = c.get("expected");
            assertThat(outcome.status()).isEqualTo(expected.get("status").asText());
            if (outcome.status().equals("SUCCEEDED")) {
                assertThat(Conformance.matches(expected.get("output"), outcome.output()))
                        .as("output %s, recorded %s", outcome.output(), expected.get("output"))
                        .isTrue();
            } else {
                if (expected.hasNonNull("error")) {
                    assertThat(outcome.error()).isEqualTo(expected.get("error").asText());
                }
                if (expected.hasNonNull("cause")) {
                    assertThat(Conformance.matchesText(expected.get("cause").asText(), outcome.cause())).isTrue();
                }
            }
        }));
    }

    @Test
    void every_jsonpath_case_of_the_corpus_is_run() {
        long runnable = CASES.stream().filter(c -> whyNotRunnable(c) == null).count();
        long jsonPathOnly = CASES.stream().filter(c -> !Conformance.usesJsonata(c.get("definition"))).count();
        System.out.printf("choice corpus: %d cases, %d JSONPath-only, %d runnable here%n", CASES.size(), jsonPathOnly,
                runnable);
        CASES.stream()
                .filter(c -> whyNotRunnable(c) != null)
                .forEach(c -> System.out.printf("  skipped %s: %s%n", c.get("id").asText(), whyNotRunnable(c)));
        assertThat(CASES).hasSize(294);
        assertThat(runnable).isGreaterThanOrEqualTo(jsonPathOnly);
    }

    @Test
    void no_choice_rule_that_aws_accepted_is_rejected() {
        // Every recorded definition ran on AWS, so none of its Choice rules may be reported (bar the JSONata
        // compiler's own "not supported yet" while it is a stub).
        List<String> rejected = Conformance.load("corpus.jsonl").stream()
                .flatMap(c -> Asl.parse(Json.write(c.get("definition"))).errors().stream()
                        .filter(d -> d.location().contains("/Choices/"))
                        .filter(d -> !d.message().startsWith("JSONata is not supported yet"))
                        .map(d -> c.get("id").asText() + ": " + d.awsText()))
                .toList();
        assertThat(rejected).isEmpty();
    }

    /** Null when the case can be decided here, else why not. */
    private static String whyNotRunnable(JsonNode c) {
        ParseResult parsed = Asl.parse(Json.write(c.get("definition")));
        if (!parsed.isValid()) {
            return Conformance.usesJsonata(c.get("definition"))
                    ? "JSONata does not compile yet (" + parsed.invalidDefinitionMessage() + ")"
                    : "the definition does not parse: " + parsed.invalidDefinitionMessage();
        }
        for (State s : parsed.machine().graph().states().values()) {
            boolean plain = switch (s) {
                case ChoiceState choice -> isPlain(choice)
                        && choice.choices().stream().allMatch(r -> r.assign() == null && r.output() == null);
                case PassState pass -> isPlain(pass) && pass.transition() != null;
                case SucceedState succeed -> isPlain(succeed);
                case FailState fail -> !(fail.error() instanceof ValueSource.Computed)
                        && !(fail.cause() instanceof ValueSource.Computed);
                default -> false;
            };
            if (!plain) {
                return "state '" + s.name() + "' needs more than this walk (data flow or its type)";
            }
        }
        return null;
    }

    /** Whether a state leaves its input as it is (no InputPath, Parameters, ResultPath, Output, Assign …). */
    private static boolean isPlain(State s) {
        return s.io() == null || s.io().equals(Io.NONE);
    }

    private static Outcome run(JsonNode c) {
        StateGraph graph = Asl.parse(Json.write(c.get("definition"))).machine().graph();
        JsonNode data = c.get("input");
        State state = graph.start();
        for (int steps = 0; steps < 100; steps++) {
            switch (state) {
                case ChoiceState choice -> {
                    String next = null;
                    try {
                        for (ChoiceState.Rule rule : choice.choices()) {
                            if (rule.condition().test(Scope.ofInput(data))) {
                                next = rule.next();
                                break;
                            }
                        }
                    } catch (StatesException e) {
                        return new Outcome("FAILED", null, e.error(), e.cause());
                    }
                    if (next == null) {
                        next = choice.defaultNext();
                    }
                    if (next == null) {
                        return new Outcome("FAILED", null, ErrorNames.NO_CHOICE_MATCHED, null);
                    }
                    state = graph.state(next);
                }
                case PassState pass -> {
                    // A Pass Result is static: a "TestResult.$" key in it is kept as written.
                    data = pass.result() != null ? pass.result() : data;
                    if (pass.transition().isEnd()) {
                        return new Outcome("SUCCEEDED", data, null, null);
                    }
                    state = graph.state(pass.transition().next());
                }
                case SucceedState succeed -> {
                    return new Outcome("SUCCEEDED", data, null, null);
                }
                case FailState fail -> {
                    return new Outcome("FAILED", null, literal(fail.error()), literal(fail.cause()));
                }
                default -> throw new IllegalStateException("Not runnable here: " + state.typeName());
            }
        }
        throw new IllegalStateException("The walk did not end within 100 states");
    }

    private static String literal(ValueSource source) {
        return source instanceof ValueSource.Literal literal ? literal.value().asText() : null;
    }
}
