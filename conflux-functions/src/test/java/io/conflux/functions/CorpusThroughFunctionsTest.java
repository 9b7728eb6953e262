package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * Every corpus case whose recording names its Lambda functions, run for real: the recorded functions' Python
 * equivalents are created through the Lambda API and run by the warm pool; the workflow goes through the Step
 * Functions API of the same server; the end of each execution is compared with what AWS recorded.
 *
 * <p>Cases run in parallel; each gets its own copies of its functions (the recorded name with the case's number in
 * its digits, written into the definition, the input and the expectation), since different cases recorded different
 * code under the same function name. A state whose HeartbeatSeconds is shorter than a cold start gets a warm
 * function, as the recording had (one invocation before the execution).
 */
class CorpusThroughFunctionsTest {
    /** Values the recorder wrote in place of volatile data without marking them as placeholders. */
    private static final Set<String> STAND_INS = Set.of("date", "start-time", "entered-time", "snf_role_arn",
            "sfn_role_arn", "RandomNumberGenerated", "x-amzn-RequestId", "X-Amzn-Trace-Id", "RequestId");

    private static TestServer t;
    private static final Map<String, List<String>> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> HISTORIES = new ConcurrentHashMap<>();
    private static List<JsonNode> cases;

    static List<JsonNode> cases() {
        return Conformance.corpus(c -> c.path("lambda_functions").size() > 0);
    }

    @BeforeAll
    static void runAll() throws Exception {
        t = TestServer.start();
        cases = cases();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int n = i;
            running.add(pool.submit(() -> RESULTS.put(c.get("id").asText(), run(c, n))));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** Where our history differs from the recording for reasons outside functions (the engine's), and why. */
    private static final Map<String, String> ENGINE_DIFFERENCES = Map.of(
            "v2/credentials/test_credentials_base.py::TestCredentialsBase::"
                    + "test_cross_account_service_lambda_invoke_retry",
            "the engine's TaskScheduled has no taskCredentials",
            "v2/scenarios/test_base_scenarios.py::TestBaseScenarios::test_lambda_invoke_with_retry_extended_input",
            "the engine's context object has Execution.RedriveCount, which the recording has not",
            "v2/scenarios/test_base_scenarios.py::TestBaseScenarios::"
                    + "test_lambda_service_invoke_with_retry_extended_input",
            "the engine's context object has Execution.RedriveCount, which the recording has not");

    @TestFactory
    Stream<DynamicTest> every_recorded_history_is_ours_too() {
        return cases.stream().filter(c -> HISTORIES.containsKey(c.get("id").asText()))
                .map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                    String id = c.get("id").asText();
                    org.junit.jupiter.api.Assumptions.assumeFalse(ENGINE_DIFFERENCES.containsKey(id),
                            () -> ENGINE_DIFFERENCES.get(id));
                    assertThat(HISTORIES.get(id)).as(id).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_case_naming_its_functions_ends_as_aws_recorded() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () ->
                assertThat(RESULTS.get(c.get("id").asText())).as(c.get("id").asText()).isEmpty()));
    }

    /**
     * A name for this case's copy of a recorded function, as long as the recorded one (the recorded HTTP metadata
     * counts the bytes of payloads that contain it): the recorded names end with {@code s} and seven digits.
     */
    static String rename(String name, int caseIndex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("s(\\d{7})$").matcher(name);
        if (!m.find()) {
            throw new IllegalStateException("Expected a recorded function name ending in s and 7 digits: " + name);
        }
        return name.substring(0, m.start()) + String.format("x%02d%05d", caseIndex, Integer.parseInt(m.group(1)));
    }

    private static List<String> run(JsonNode c, int index) {
        String prefix = "case" + index + "-";
        List<String> why = new ArrayList<>();
        Set<String> created = new HashSet<>();
        try {
            String definition = Json.write(c.get("definition"));
            String input = Json.write(c.get("input"));
            JsonNode expected = unalias(c.get("expected"), c);
            for (JsonNode f : c.path("lambda_functions")) {
                String name = f.path("name").asText();
                String mine = rename(name, index);
                definition = definition.replace(name, mine);
                input = input.replace(name, mine);
                expected = Json.parse(Json.write(expected).replace(name, mine));
                String source = RecordedFunctions.source(f).orElse(null);
                if (source == null) {
                    why.add("no Python equivalent for: " + f.path("behaviour").asText());
                    return why;
                }
                t.create(mine, "python3.12", "handler.handler", Map.of("handler.py", source), b -> b.timeout(90));
                created.add(mine);
                if (definition.contains("HeartbeatSeconds") && source != RecordedFunctions.SLEEP) {
                    t.lambda.invoke(b -> b.functionName(mine));
                }
            }
            boolean express = "EXPRESS".equals(c.path("state_machine_type").asText());
            String def = definition;
            String sm = t.sfn.createStateMachine(b -> b.name(prefix + "machine").roleArn(TestServer.ROLE)
                    .definition(def).type(express ? StateMachineType.EXPRESS : StateMachineType.STANDARD))
                    .stateMachineArn();
            String status;
            String output;
            String error;
            String cause;
            if ("StartSyncExecution".equals(c.path("execution_api").asText())) {
                String in = input;
                StartSyncExecutionResponse r = t.sfn.startSyncExecution(b -> b.stateMachineArn(sm).input(in));
                status = r.statusAsString();
                output = r.output();
                error = r.error();
                cause = r.cause();
            } else {
                String in = input;
                String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).input(in)).executionArn();
                DescribeExecutionResponse d = await(arn);
                status = d.statusAsString();
                output = d.output();
                error = d.error();
                cause = d.cause();
                compareHistory(c, index, arn);
            }
            compare(why, expected, status, output, error, cause, c);
        } catch (Exception e) {
            why.add("threw " + e);
        } finally {
            for (String f : created) {
                try {
                    t.lambda.deleteFunction(b -> b.functionName(f));
                } catch (RuntimeException ignored) {
                    // the next case does not need it
                }
            }
        }
        return why;
    }

    /**
     * Our history against the recorded one, where there is one (same comparison as the engine's corpus tests),
     * with this case's function names written into the recording.
     */
    private static void compareHistory(JsonNode c, int index, String arn) throws Exception {
        var recorded = io.conflux.engine.conformance.RecordedHistories.of(c.get("id").asText());
        if (recorded.isEmpty()) {
            return;
        }
        String text = Json.write(unalias(recorded.get(), c));
        for (JsonNode f : c.path("lambda_functions")) {
            text = text.replace(f.path("name").asText(), rename(f.path("name").asText(), index));
        }
        List<String> diff = io.conflux.engine.conformance.RecordedHistories.differences(Json.parse(text),
                t.server.engine().history(arn));
        HISTORIES.put(c.get("id").asText(), diff);
    }

    private static DescribeExecutionResponse await(String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            DescribeExecutionResponse d = t.sfn.describeExecution(b -> b.executionArn(arn));
            if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return d;
            }
            Thread.sleep(20);
        }
    }

    private static void compare(List<String> why, JsonNode expected, String status, String output, String error,
            String cause, JsonNode c) {
        Set<String> standIns = new HashSet<>(STAND_INS);
        c.path("placeholder_tokens").forEach(p -> {
            if (!p.asText().startsWith("<")) {
                standIns.add(p.asText()); // e.g. "date": the recorder's own words for a value it replaced
            }
        });
        if (!expected.path("status").asText().equals(status)) {
            why.add("status " + status + " != " + expected.path("status").asText() + " (" + error + ": " + cause + ")");
            return;
        }
        if (status.equals("SUCCEEDED")) {
            JsonNode want = expected.has("output") ? expected.get("output")
                    : Json.NODES.textNode(expected.path("output_raw").asText());
            JsonNode got = parse(output);
            if (!Conformance.matches(Conformance.markStandIns(want, standIns), got)) {
                why.add("output " + output + " != " + Json.write(want));
            }
            return;
        }
        JsonNode wantError = expected.get("error");
        if (wantError != null && !wantError.isNull() && !Conformance.matchesText(wantError.asText(), error)) {
            why.add("error " + error + " != " + wantError.asText());
        }
        JsonNode wantCause = expected.get("cause");
        if (wantCause != null && !wantCause.isNull()) {
            boolean ok = "json".equals(expected.path("cause_format").asText())
                    ? Conformance.matches(wantCause, parse(cause))
                    : Conformance.matchesText(wantCause.asText(), cause);
            if (!ok) {
                why.add("cause " + cause + " != " + (wantCause.isTextual() ? wantCause.asText()
                        : Json.write(wantCause)));
            }
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.NODES.textNode(text);
        }
    }

    /** Puts the function names back where the recorder wrote an alias that is not a placeholder. */
    private static JsonNode unalias(JsonNode recorded, JsonNode c) throws Exception {
        String text = Json.write(recorded);
        for (JsonNode f : c.path("lambda_functions")) {
            String alias = f.path("snapshot_alias").asText("");
            if (!alias.isEmpty() && !alias.startsWith("<")) {
                text = text.replace(alias, f.path("name").asText());
            }
        }
        return Json.parse(text);
    }


    /** Failures per category, printed for docs/functions.md. */
    @AfterAll
    static void report() {
        Map<String, int[]> byCategory = new TreeMap<>();
        for (JsonNode c : cases) {
            int[] n = byCategory.computeIfAbsent(c.get("category").asText(), k -> new int[2]);
            n[RESULTS.getOrDefault(c.get("id").asText(), List.of("not run")).isEmpty() ? 0 : 1]++;
        }
        StringBuilder sb = new StringBuilder("\nCorpus cases with recorded functions, passed/failed per category:\n");
        byCategory.forEach((k, v) -> sb.append(String.format("  %-40s %3d passed %3d failed%n", k, v[0], v[1])));
        RESULTS.forEach((id, why) -> {
            if (!why.isEmpty()) {
                String w = String.join("; ", why);
                sb.append("  FAIL ").append(id).append(" :: ").append(w, 0, Math.min(w.length(), 800)).append('\n');
            }
        });
        System.out.println(sb);
        StringBuilder full = new StringBuilder();
        RESULTS.forEach((id, why) -> why.forEach(w -> full.append(id).append(" :: ").append(w).append("\n")));
        HISTORIES.forEach((id, why) -> why.forEach(w -> full.append("HISTORY ").append(id).append(" :: ").append(w)
                .append("\n")));
        long same = HISTORIES.values().stream().filter(List::isEmpty).count();
        System.out.println("Histories as recorded: " + same + " of " + HISTORIES.size());
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "corpus-failures.txt"), full);
        } catch (java.io.IOException ignored) {
            // the summary above is enough
        }
    }
}
