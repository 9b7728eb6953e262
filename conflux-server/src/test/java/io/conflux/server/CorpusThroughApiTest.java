package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure cases of the recorded corpus, run through the API with boto3 by the project's corpus runner
 * ({@code run_corpus.py}, as run by hand against {@code conflux server}). The runner compares as the recordings
 * allow; a case it fails is judged again here with the recorder's unmarked stand-ins (a random number, a date, a role
 * ARN written as words) taken as wildcards, as the in-process corpus test takes them.
 */
class CorpusThroughApiTest {
    /** Values the recorder wrote in place of volatile data without marking them as placeholders. */
    private static final Set<String> STAND_INS = Set.of("date", "start-time", "entered-time", "snf_role_arn",
            "sfn_role_arn", "RandomNumberGenerated");
    /** Cases the runner cannot pass through any endpoint, and why. */
    private static final Map<String, String> RUNNER_LIMITS = Map.of(
            "v2/test_sfn_api.py::TestSnfApi::test_stop_execution",
            "the recording stops the execution (a test action the runner does not perform)",
            "v2/base/test_base.py::TestSnfBase::test_event_bridge_events_base",
            "the machine waits 60 seconds, longer than the runner's 20-second timeout");

    @TempDir
    Path dir;

    @Test
    void every_pure_case_passes_through_the_api_but_what_the_runner_cannot_do() throws Exception {
        assumeTrue(Boto3WorkerTest.boto3Available(), "python3 with boto3 is needed for this test");
        Path runner = copy("/conformance/run_corpus.py", dir.resolve("run_corpus.py"));
        Path corpus = copy("/conformance/corpus.jsonl", dir.resolve("corpus.jsonl"));
        Path report = dir.resolve("report.json");
        // The recordings were made in account 111111111111: context objects show it.
        try (TestServer t = TestServer.start(b -> b.accountId("111111111111"))) {
            Process p = new ProcessBuilder("python3", runner.toString(), "--endpoint", t.server.endpoint(),
                    "--corpus", corpus.toString(), "--pure", "--jobs", "8", "--report", report.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        JsonNode results = Json.MAPPER.readTree(report.toFile());
        Map<String, JsonNode> cases = new TreeMap<>();
        Conformance.corpus(c -> c.path("pure").asBoolean()).forEach(c -> cases.put(c.path("id").asText(), c));
        assertThat(results.size()).isEqualTo(cases.size());

        Map<String, String> failed = new TreeMap<>();
        results.properties().forEach(e -> {
            if (!e.getValue().path("pass").asBoolean() && !passesWithStandIns(cases.get(e.getKey()),
                    e.getValue().path("got"))) {
                failed.put(e.getKey(), e.getValue().path("why").toString());
            }
        });
        assertThat(failed).containsOnlyKeys(RUNNER_LIMITS.keySet());
    }

    private Path copy(String resource, Path to) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    private static boolean passesWithStandIns(JsonNode c, JsonNode got) {
        JsonNode expected = c.get("expected");
        if (!expected.path("status").asText().equals(got.path("status").asText())) {
            return false;
        }
        if (expected.path("status").asText().equals("SUCCEEDED")) {
            JsonNode want = expected.has("output") ? expected.get("output")
                    : Json.NODES.textNode(expected.path("output_raw").asText());
            return Conformance.matches(Conformance.markStandIns(want, STAND_INS), parse(got.path("output").asText()));
        }
        for (String field : List.of("error", "cause")) {
            JsonNode want = expected.get(field);
            if (want != null && !want.isNull() && !Conformance.matchesText(want.asText(), got.path(field).asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.NODES.textNode(text);
        }
    }
}
