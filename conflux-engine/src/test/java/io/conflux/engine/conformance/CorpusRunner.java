package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.ManualClock;
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

    /** The outcome: empty when the case passes, else what differs. */
    static List<String> run(JsonNode c) {
        try {
            return runUnchecked(c);
        } catch (RuntimeException e) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            return List.of("threw " + e + " at " + at);
        }
    }

    private static List<String> runUnchecked(JsonNode c) {
        List<String> why = new ArrayList<>();
        boolean express = "EXPRESS".equals(c.path("state_machine_type").asText());
        boolean sync = "StartSyncExecution".equals(c.path("execution_api").asText());
        ParseResult parsed = Asl.parse(Json.write(c.get("definition")), Asl.Options.DEFAULT.withExpress(express));
        JsonNode expected = c.get("expected");
        if (!parsed.isValid()) {
            why.add("rejected: " + parsed.invalidDefinitionMessage());
            return why;
        }
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (Engine engine = Engine.builder().manual(clock).build()) {
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
            ExecutionState s = engine.runToCompletion(arn, Duration.ofDays(400));
            String status = s.status() == ExecutionStatus.RUNNING ? "RUNNING" : s.status().name();
            if (!status.equals(expected.path("status").asText())) {
                why.add("status " + status + " != " + expected.path("status").asText()
                        + (s.error() != null ? " (" + s.error() + ": " + s.cause() + ")" : ""));
                return why;
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
        return why;
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

    private static boolean matches(JsonNode want, JsonNode got) {
        return Conformance.matches(standIns(want), got);
    }

    /** Turns the recorder's unmarked stand-ins into placeholders. */
    private static JsonNode standIns(JsonNode want) {
        if (want == null) {
            return null;
        }
        if (want.isTextual() && RECORDED_STAND_INS.contains(want.asText())) {
            return Json.NODES.textNode("<" + want.asText() + ">");
        }
        if (want.isObject()) {
            var o = Json.object();
            want.properties().forEach(e -> o.set(e.getKey(), standIns(e.getValue())));
            return o;
        }
        if (want.isArray()) {
            var a = Json.array();
            want.forEach(x -> a.add(standIns(x)));
            return a;
        }
        return want;
    }
}
