package io.conflux.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.engine.spi.ProcessingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our history of every corpus case that has a history recorded against AWS, compared event by event (types, ids,
 * previousEventIds, details) with {@link HistoryComparison}. Covered: the pure cases, and the Lambda cases whose
 * function {@link RecordedLambdas} can stand in for. A case whose execution does not end as AWS recorded (today:
 * the intrinsic-function and JSONata stubs) is skipped here: {@link CorpusTest} reports it.
 */
class HistoryConformanceTest {

    /** A covered case: the corpus case, its recorded history, and the nodes that answer its tasks. */
    record Case(JsonNode corpus, JsonNode history, List<ProcessingNode> nodes) {
        String id() {
            return corpus.get("id").asText();
        }

        String category() {
            return corpus.get("category").asText() + (corpus.path("pure").asBoolean() ? "" : " (lambda)");
        }
    }

    private static final String BEFORE_REDRIVE = "recorded before AWS added $$.Execution.RedriveCount to the "
            + "context object, which every newer recording of a context object has";

    /**
     * Recordings that are right for the AWS of their day but not reproducible by design, with why. They are run and
     * reported, not asserted.
     */
    static final Map<String, String> NOT_REPRODUCIBLE = Map.of(
            "v2/scenarios/test_base_scenarios.py::TestBaseScenarios::test_lambda_invoke_with_retry_extended_input",
            BEFORE_REDRIVE,
            "v2/scenarios/test_base_scenarios.py::TestBaseScenarios::test_lambda_service_invoke_with_retry_extended_input",
            BEFORE_REDRIVE);

    static List<Case> cases() {
        Map<String, JsonNode> histories = new LinkedHashMap<>();
        for (JsonNode h : Conformance.load("histories.jsonl")) {
            histories.put(h.get("id").asText(), h.get("events"));
        }
        List<Case> out = new ArrayList<>();
        for (JsonNode c : Conformance.load("corpus.jsonl")) {
            JsonNode h = histories.get(c.get("id").asText());
            if (h == null) {
                continue;
            }
            if (c.path("pure").asBoolean()) {
                out.add(new Case(c, h, List.of()));
            } else {
                RecordedLambdas.nodes(c).ifPresent(nodes -> out.add(new Case(RecordedLambdas.unalias(c, c),
                        RecordedLambdas.unalias(h, c), nodes)));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_recorded_history_is_reproduced_event_by_event() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            CorpusRunner.Result r = CorpusRunner.execute(c.corpus(), c.nodes());
            Assumptions.assumeTrue(r.why().isEmpty(), () -> "the execution does not end as recorded: " + r.why());
            Assumptions.assumeFalse(NOT_REPRODUCIBLE.containsKey(c.id()), () -> NOT_REPRODUCIBLE.get(c.id()));
            assertThat(HistoryComparison.compare(c.history(), r.history()).differences()).as(c.id()).isEmpty();
        }));
    }

    @Test
    void report() {
        Map<String, int[]> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> chance = new ArrayList<>();
        List<String> notComparable = new ArrayList<>();
        for (Case c : cases()) {
            int[] counts = byCategory.computeIfAbsent(c.category(), k -> new int[3]);
            CorpusRunner.Result r = CorpusRunner.execute(c.corpus(), c.nodes());
            if (!r.why().isEmpty()) {
                counts[2]++;
                if (!c.nodes().isEmpty() || NOT_REPRODUCIBLE.containsKey(c.id())) {
                    notComparable.add(c.id() + " :: " + String.join("; ", r.why()));
                }
                continue;
            }
            HistoryComparison.Verdict v = HistoryComparison.compare(c.history(), r.history());
            if (NOT_REPRODUCIBLE.containsKey(c.id())) {
                counts[2]++;
                notComparable.add(c.id() + " :: not reproducible: " + NOT_REPRODUCIBLE.get(c.id())
                        + (v.matches() ? "" : "; differs: " + v.differences()));
                continue;
            }
            List<String> why = v.differences();
            counts[why.isEmpty() ? 0 : 1]++;
            if (!v.leftToChance().isEmpty()) {
                chance.add(c.id() + " :: " + String.join("; ", v.leftToChance()));
            }
            if (!why.isEmpty()) {
                failures.add(c.id() + " :: " + String.join("; ", why));
            }
        }
        StringBuilder sb = new StringBuilder("\nRecorded histories: matched / differing / not comparable (the "
                + "execution does not end as recorded), per category:\n");
        int[] total = new int[3];
        byCategory.forEach((k, v) -> {
            sb.append(String.format("  %-45s %4d matched %4d differ %4d n/a%n", k, v[0], v[1], v[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        });
        sb.append(String.format("  %-45s %4d matched %4d differ %4d n/a%n", "TOTAL", total[0], total[1], total[2]));
        sb.append("Matched except for numbering AWS leaves to chance (").append(chance.size()).append("):\n");
        chance.forEach(f -> sb.append("  CHANCE ").append(f).append('\n'));
        notComparable.forEach(f -> sb.append("  N/A ").append(f, 0, Math.min(f.length(), 400)).append('\n'));
        failures.forEach(f -> sb.append("  DIFF ").append(f, 0, Math.min(f.length(), 1500)).append('\n'));
        System.out.println(sb);
    }
}
