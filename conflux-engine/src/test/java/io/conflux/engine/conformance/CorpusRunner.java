package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.store.ExecutionRecord;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.engine.spi.ProcessingNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Runs one recorded corpus case in process, with a manual clock, and compares with what AWS recorded. */
final class CorpusRunner {
    /**
     * Values that LocalStack's recorder wrote in place of volatile data without marking them as placeholders; they
     * match anything in these fields only.
     */
    private static final Set<String> RECORDED_STAND_INS = Set.of("date", "start-time", "entered-time",
            "snf_role_arn", "sfn_role_arn", "RandomNumberGenerated");

    private CorpusRunner() {}

    /**
     * What running a case gave.
     *
     * @param why empty when the execution ended as AWS recorded, else what differs
     * @param history our history of the execution (empty when it did not run)
     */
    record Result(List<String> why, List<HistoryEvent> history) {}

    /** The outcome: empty when the case passes, else what differs. */
    static List<String> run(JsonNode c) {
        return execute(c, List.of()).why();
    }

    /** Runs a case with {@code nodes} answering its tasks. */
    static Result execute(JsonNode c, List<ProcessingNode> nodes) {
        List<String> why = new ArrayList<>();
        List<HistoryEvent> history = new ArrayList<>();
        try {
            runUnchecked(c, nodes, why, history);
        } catch (RuntimeException e) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            why.add("threw " + e + " at " + at);
        }
        return new Result(why, history);
    }

    private static void runUnchecked(JsonNode c, List<ProcessingNode> nodes, List<String> why,
            List<HistoryEvent> history) {
        boolean express = "EXPRESS".equals(c.path("state_machine_type").asText());
        boolean sync = "StartSyncExecution".equals(c.path("execution_api").asText());
        ParseResult parsed = Asl.parse(Json.write(c.get("definition")), Asl.Options.DEFAULT.withExpress(express));
        JsonNode expected = c.get("expected");
        if (!parsed.isValid()) {
            why.add("rejected: " + parsed.invalidDefinitionMessage());
            return;
        }
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        Engine.Builder builder = Engine.builder().manual(clock);
        nodes.forEach(builder::node);
        try (Engine engine = builder.build()) {
            String name = UUID.randomUUID().toString();
            String sm = "StateMachine-" + name.substring(0, 8);
            ExecutionInfo info = express
                    ? new ExecutionInfo("arn:aws:states:us-east-1:111111111111:express:" + sm + ":" + name + ":"
                            + UUID.randomUUID(), name, "arn:aws:states:us-east-1:111111111111:stateMachine:" + sm, sm,
                            "arn:aws:iam::111111111111:role/conflux", true, sync, null, null)
                    : new ExecutionInfo("arn:aws:states:us-east-1:111111111111:execution:" + sm + ":" + name, name,
                            "arn:aws:states:us-east-1:111111111111:stateMachine:" + sm, sm,
                            "arn:aws:iam::111111111111:role/conflux", false, false, null, null);
            String arn = engine.start(parsed.machine(), info, c.get("input"));
            for (JsonNode action : c.path("test_actions")) {
                if ("stop_execution".equals(action.path("api").asText())) {
                    engine.runUntilIdle();
                    engine.stop(arn, null, null);
                }
            }
            ExecutionRecord s = engine.runToCompletion(arn, Duration.ofDays(400));
            history.addAll(engine.history(arn));
            String status = s.status() == ExecutionStatus.RUNNING ? "RUNNING" : s.status().name();
            if (!status.equals(expected.path("status").asText())) {
                why.add("status " + status + " != " + expected.path("status").asText()
                        + (s.error() != null ? " (" + s.error() + ": " + s.cause() + ")" : ""));
                return;
            }
            if (s.status() == ExecutionStatus.SUCCEEDED) {
                JsonNode want = expected.has("output") ? expected.get("output") : null;
                if (want == null && expected.has("output_raw")) {
                    want = Json.MAPPER.valueToTree(expected.get("output_raw").asText());
                }
                if (want != null && !matches(want, s.output())) {
                    why.add("output " + Json.write(s.output()) + " != " + Json.write(want));
                }
            } else {
                compareText(why, "error", expected.get("error"), s.error(), false);
                boolean json = "json".equals(expected.path("cause_format").asText());
                compareText(why, "cause", expected.get("cause"), s.cause(), json);
            }
        }
    }

    private static void compareText(List<String> why, String field, JsonNode want, String got, boolean json) {
        if (want == null || want.isNull()) {
            return;
        }
        if (json) {
            try {
                JsonNode parsed = got == null ? null : Json.parse(got);
                if (!matches(want, parsed)) {
                    why.add(field + " " + got + " != " + Json.write(want));
                }
            } catch (Exception e) {
                why.add(field + " " + got + " is not JSON; expected " + Json.write(want));
            }
            return;
        }
        if (!Conformance.matchesText(want.asText(), got)) {
            why.add(field + " '" + got + "' != '" + want.asText() + "'");
        }
    }

    static boolean matches(JsonNode want, JsonNode got) {
        return Conformance.matches(Conformance.markStandIns(want, RECORDED_STAND_INS), got);
    }
}
