package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.jsonata.JsonataExpr;
import io.conflux.asl.model.ValueSource;
import io.conflux.asl.model.WaitState;
import io.conflux.engine.interpreter.ExecutionState.TimerKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Wait: a timer until Seconds have passed or Timestamp is reached. */
final class WaitStep {
    /** AWS refuses delays that do not fit a signed 32-bit number of seconds. */
    static final long MAX_DELAY_SECONDS = Integer.MAX_VALUE;

    private WaitStep() {}

    static Outcome execute(Run run, Frame f, WaitState w) {
        StateScope raw = StateScope.of(run, f, f.input);
        JsonNode effective = DataFlow.jsonata(w) ? f.input : DataFlow.inputPath(w, f.input, raw);
        StateScope scope = raw.withInput(effective);
        Instant due = w.seconds() != null ? run.now().plusSeconds(seconds(w.seconds(), scope))
                : timestamp(w.timestamp(), scope);
        if (due.getEpochSecond() - run.now().getEpochSecond() > MAX_DELAY_SECONDS) {
            throw StatesException.runtime("Wait state delay is too long.");
        }
        if (!due.isAfter(run.now())) {
            return leave(run, f, w);
        }
        f.timerId = run.newTimer(TimerKind.WAIT, f, null, due);
        f.phase = Frame.Phase.AWAIT_TIMER;
        return Outcome.PARKED;
    }

    static Outcome leave(Run run, Frame f, WaitState w) {
        StateScope raw = StateScope.of(run, f, f.input);
        JsonNode output;
        Map<String, JsonNode> assigned;
        if (DataFlow.jsonata(w)) {
            assigned = DataFlow.assign(w.io().assign(), raw);
            output = w.io().output() == null ? f.input : w.io().output().evaluate(raw);
        } else {
            JsonNode effective = DataFlow.inputPath(w, f.input, raw);
            assigned = DataFlow.assign(w.io().assign(), raw.withInput(effective));
            output = DataFlow.outputPath(w, effective, raw.withInput(effective));
        }
        run.exited(f, output, assigned);
        return Outcome.leave(w.transition(), output);
    }

    private static long seconds(ValueSource source, StateScope scope) {
        return switch (source) {
            case ValueSource.Literal l -> l.value().asLong();
            case ValueSource.Computed c when c.expr() instanceof JsonPath p -> {
                JsonNode v;
                try {
                    v = p.evaluate(scope);
                } catch (PathNotFoundException e) {
                    throw StatesException.runtime(
                            "The SecondsPath parameter does not reference an input value: " + p.text());
                }
                if (!v.isNumber() || !v.canConvertToExactIntegral()) {
                    throw StatesException.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                            + p.text() + " == " + text(v));
                }
                if (v.asLong() < 0) {
                    throw StatesException.runtime("The SecondsPath parameter references a negative value: "
                            + p.text() + " == " + text(v));
                }
                yield v.asLong();
            }
            case ValueSource.Computed c when c.expr() instanceof JsonataExpr e ->
                    JsonataFields.integer(e, scope, 0, Long.MAX_VALUE);
            case ValueSource.Computed c -> throw new IllegalStateException("Seconds from " + c.expr());
        };
    }

    private static Instant timestamp(ValueSource source, StateScope scope) {
        return switch (source) {
            case ValueSource.Literal l -> parse(l.value().asText());
            case ValueSource.Computed c when c.expr() instanceof JsonPath p -> {
                JsonNode v;
                try {
                    v = p.evaluate(scope);
                } catch (PathNotFoundException e) {
                    throw StatesException.runtime(
                            "The TimestampPath parameter does not reference an input value: " + p.text());
                }
                Instant t = v.isTextual() ? tryParse(v.asText()) : null;
                if (t == null) {
                    throw StatesException.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: " + p.text() + " == " + text(v));
                }
                yield t;
            }
            case ValueSource.Computed c -> {
                JsonNode v = c.expr().evaluate(scope);
                Instant t = v != null && v.isTextual() ? tryParse(v.asText()) : null;
                if (t == null) {
                    throw StatesException.queryEvaluation("The Timestamp field cannot be parsed as an ISO-8601 "
                            + "extended offset date-time format string: " + (v != null && v.isTextual()
                                    ? v.asText() : text(v)), "Timestamp");
                }
                yield t;
            }
        };
    }

    private static String text(JsonNode v) {
        return v == null ? "null" : v.isTextual() ? v.asText() : Json.write(v);
    }

    private static Instant parse(String text) {
        Instant t = tryParse(text);
        if (t == null) {
            throw StatesException.runtime("The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                    + "date-time format string: " + text);
        }
        return t;
    }

    /** ISO-8601 extended offset date-time, e.g. {@code 2016-03-14T01:59:00Z} or with an offset. */
    static Instant tryParse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
