package io.conflux.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pure case of the AWS-recorded corpus, run in process. JSONPath-only cases are the engine's baseline; cases
 * with JSONata or variables are run too.
 */
class CorpusTest {

    static boolean jsonPathOnly(JsonNode c) {
        JsonNode d = c.get("definition");
        return !Conformance.usesJsonata(d) && !Conformance.usesAssign(d);
    }

    static List<JsonNode> pure() {
        return Conformance.corpus(c -> c.path("pure").asBoolean());
    }

    @TestFactory
    Stream<DynamicTest> every_pure_jsonpath_case_ends_as_aws_recorded() {
        return pure().stream().filter(CorpusTest::jsonPathOnly).map(c -> DynamicTest.dynamicTest(
                c.get("id").asText(), () -> assertThat(CorpusRunner.run(c)).as(c.get("id").asText()).isEmpty()));
    }

    /** The cases of issue 3: JSONata, variables, query languages; each must end as AWS recorded, as the others. */
    @TestFactory
    Stream<DynamicTest> every_pure_case_with_jsonata_or_assign_ends_as_aws_recorded() {
        return pure().stream().filter(c -> !jsonPathOnly(c)).map(c -> DynamicTest.dynamicTest(
                c.get("id").asText(), () -> assertThat(CorpusRunner.run(c)).as(c.get("id").asText()).isEmpty()));
    }

    @Test
    void report() {
        Map<String, int[]> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode c : pure()) {
            String key = (jsonPathOnly(c) ? "jsonpath " : "jsonata/assign ") + c.get("category").asText();
            List<String> why = CorpusRunner.run(c);
            int[] counts = byCategory.computeIfAbsent(key, k -> new int[2]);
            counts[why.isEmpty() ? 0 : 1]++;
            if (!why.isEmpty()) {
                failures.add(c.get("id").asText() + " :: " + String.join("; ", why));
            }
        }
        StringBuilder sb = new StringBuilder("\nCorpus (pure cases), passed/failed per category:\n");
        byCategory.forEach((k, v) -> sb.append(String.format("  %-45s %4d passed %4d failed%n", k, v[0], v[1])));
        failures.forEach(f -> sb.append("  FAIL ").append(f, 0, Math.min(f.length(), 600)).append('\n'));
        System.out.println(sb);
    }
}
