package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.jsonata.JsonType;
import io.conflux.asl.jsonata.JsonataExpr;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ValueSource;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Map: the item processor once per item, MaxConcurrency at a time; the result is their outputs in item order. */
final class MapStep {
    private MapStep() {}

    static Outcome execute(Run run, Frame f, MapState m) {
        FanOut carried = f.carried; // a redrive's: the iterations that had not succeeded, for this attempt only
        f.carried = null;
        StateScope raw = StateScope.of(run, f, f.input);
        boolean jsonata = DataFlow.jsonata(m);
        JsonNode effective = jsonata ? f.input : DataFlow.inputPath(m, f.input, raw);
        StateScope scope = raw.withInput(effective);
        TestProbe test = run.test();
        // TestState reads no bucket: stateConfiguration gives what the ItemReader would have read.
        boolean read = test != null && m.itemReader() != null && test.readerItems() != null;
        JsonNode items = read ? test.readerItems() : items(m, effective, scope, jsonata);
        if (!items.isArray()) {
            throw StatesException.runtime("Map state input must be an array but was: " + Json.write(items));
        }
        if (!jsonata) {
            run.inspect(TestProbe.AFTER_ITEMS_PATH, items);
        }
        int maxConcurrency = (int) Math.min(integer(m.maxConcurrency(), scope, 0), Integer.MAX_VALUE);
        if (test != null) {
            test.maxConcurrency = maxConcurrency;
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        run.emit(f, EventType.MapStateStarted, new EventDetails.MapStateStarted(list.size()));
        // AWS checks the tolerated failures when it creates the Map Run, after MapStateStarted.
        long toleratedCount = integer(m.toleratedFailureCount(), scope, 0);
        if (toleratedCount < 0) {
            throw StatesException.runtime("ToleratedFailureCount cannot be negative.");
        }
        double toleratedPercentage = percentage(m.toleratedFailurePercentage(), scope);
        if (test != null) {
            test.toleratedFailureCount = m.toleratedFailureCount() == null ? null : toleratedCount;
            test.toleratedFailurePercentage = m.toleratedFailurePercentage() == null ? null : toleratedPercentage;
        }
        if (m.mode() == MapState.Mode.DISTRIBUTED) {
            run.emit(f, EventType.MapRunStarted, new EventDetails.MapRunStarted(mapRunArn(run, m)));
        }
        if (test != null) {
            return mocked(run, f, m, test, list, effective, toleratedCount, toleratedPercentage);
        }
        f.fanOut = new FanOut(true, list, effective, list.size(), maxConcurrency, toleratedCount,
                toleratedPercentage);
        f.fanOut.carryOver(carried);
        f.phase = Frame.Phase.AWAIT_CHILDREN;
        run.pump(f);
        return Outcome.PARKED;
    }

    /**
     * A Map Run's ARN as AWS forms it: {@code arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID}, the label being
     * the Map's Label or else an id; ids are derived from the execution's salt so that the step stays deterministic.
     */
    private static String mapRunArn(Run run, MapState m) {
        ExecutionState s = run.state();
        String[] arn = s.info.executionArn().split(":", 6);
        String prefix = arn.length == 6 ? String.join(":", arn[0], arn[1], arn[2], arn[3], arn[4]) : "arn:aws:states::";
        String id = java.util.UUID.nameUUIDFromBytes((s.salt + "/mapRun/" + s.lastEventId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        String label = m.label() != null ? m.label() : id.substring(0, 8);
        return prefix + ":mapRun:" + s.info.stateMachineName() + "/" + label + ":" + id;
    }

    private static JsonNode items(MapState m, JsonNode effective, StateScope scope, boolean jsonata) {
        ValueSource source = m.items();
        JsonNode items;
        if (source == null) {
            items = effective;
        } else if (source instanceof ValueSource.Computed c && c.expr() instanceof JsonPath p) {
            try {
                items = p.evaluate(scope);
            } catch (PathNotFoundException e) {
                throw StatesException.runtime(e.getMessage());
            }
        } else if (source instanceof ValueSource.Computed c && c.expr() instanceof JsonataExpr je) {
            items = je.evaluate(scope, JsonType.ARRAY);
        } else if (source instanceof ValueSource.Computed c) {
            items = c.expr().evaluate(scope);
        } else {
            items = ((ValueSource.Literal) source).value();
        }
        if (!items.isArray()) {
            String cause = "Map state input must be an array but was: " + Json.write(items);
            throw jsonata ? StatesException.queryEvaluation(cause) : StatesException.runtime(cause);
        }
        return items;
    }

    /**
     * MaxConcurrency(Path) or ToleratedFailureCount(Path): a path may name an integer or a string of one, as AWS
     * takes {@code "1"} from a variable (recorded); a JSONata expression must give an integer of at least 0.
     */
    private static long integer(ValueSource source, StateScope scope, long absent) {
        return switch (source) {
            case null -> absent;
            case ValueSource.Literal l -> l.value().asLong();
            case ValueSource.Computed c when c.expr() instanceof JsonataExpr e -> JsonataFields.integer(e, scope, 0,
                    Integer.MAX_VALUE);
            case ValueSource.Computed c -> {
                JsonNode v = pathValue(c, scope);
                Long n = v == null ? null : v.isTextual() ? parseLong(v.asText())
                        : v.canConvertToExactIntegral() ? (Long) v.asLong() : null;
                if (n == null) {
                    throw StatesException.runtime("The " + c.field() + " field refers to value \""
                            + (v == null ? "null" : v.isTextual() ? v.asText() : Json.write(v))
                            + "\" which is not a valid integer: " + c.expr().text());
                }
                yield n;
            }
        };
    }

    /** ToleratedFailurePercentage(Path): a number between 0 and 100, or a path to one (or to a string of one). */
    private static double percentage(ValueSource source, StateScope scope) {
        double value = switch (source) {
            case null -> 0;
            case ValueSource.Literal l -> l.value().asDouble();
            case ValueSource.Computed c when c.expr() instanceof JsonataExpr e -> JsonataFields.number(e, scope, 0,
                    100);
            case ValueSource.Computed c -> {
                JsonNode v = pathValue(c, scope);
                Double d = v == null ? null : v.isTextual() ? parseDouble(v.asText())
                        : v.isNumber() ? (Double) v.asDouble() : null;
                if (d == null) {
                    throw StatesException.runtime("The " + c.field() + " field refers to value \""
                            + (v == null ? "null" : v.isTextual() ? v.asText() : Json.write(v))
                            + "\" which is not a valid float: " + c.expr().text());
                }
                yield d;
            }
        };
        if (value < 0 || value > 100) {
            throw StatesException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        return value;
    }

    private static JsonNode pathValue(ValueSource.Computed c, StateScope scope) {
        try {
            return c.expr().evaluate(scope);
        } catch (PathNotFoundException e) {
            throw StatesException.runtime(e.getMessage());
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            double d = Double.parseDouble(text.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Frame startIteration(Run run, Frame parent, int index) {
        MapState m = (MapState) parent.state;
        FanOut fo = parent.fanOut;
        JsonNode item = fo.items.get(index);
        boolean distributed = m.mode() == MapState.Mode.DISTRIBUTED;
        if (!distributed) {
            run.emit(parent, EventType.MapIterationStarted, new EventDetails.MapIteration(m.name(), index));
        }
        Frame previous = fo.resumable(index);
        if (previous != null) {
            return Redrive.resume(run, previous, parent.head); // it goes on where it stopped, with its own input
        }
        JsonNode input = item;
        if (m.itemSelector() != null) {
            StateScope scope = StateScope.of(run, parent, parent.input).withInput(fo.input).withItem(index, item);
            try {
                input = m.itemSelector().evaluate(scope);
            } catch (StatesException e) {
                // The iteration never starts; the Map fails as if it had.
                fo.running--;
                fo.closed = true;
                Outcome o = run.evaluationFailure(parent, e);
                parent.fanOut = null;
                parent.halted = fo;
                run.resume(parent, o);
                return null;
            }
        }
        Frame child = run.newFrame(parent, index, m.processor());
        child.input = input;
        child.unrecorded |= distributed;
        return child;
    }

    /**
     * TestState: the mock stands for the iterations. A mocked error is the Map's failure; a mocked result is its
     * result, unless the iterations stateConfiguration says failed exceed what the Map tolerates (AWS checks only a
     * Map that declares a tolerance).
     */
    private static Outcome mocked(Run run, Frame f, MapState m, TestProbe test, List<JsonNode> items,
            JsonNode effective, long toleratedCount, double toleratedPercentage) {
        StateScope scope = StateScope.of(run, f, f.input).withInput(effective);
        if (m.itemSelector() != null) {
            ArrayNode selected = Json.array();
            for (int i = 0; i < items.size(); i++) {
                selected.add(m.itemSelector().evaluate(scope.withItem(i, items.get(i))));
            }
            test.inspect(TestProbe.AFTER_ITEM_SELECTOR, selected);
        }
        if (test.mock instanceof StateTest.Mock.Failure x) {
            return new Outcome.Failed(x.error(), x.cause(), true);
        }
        Integer failures = test.configuration.mapIterationFailureCount();
        if (failures != null && failures > items.size()) {
            test.rejection = "Map iteration failure count must be less than or equal to the number of Map iterations";
            return Outcome.PARKED;
        }
        if (failures != null && failures > 0
                && (m.toleratedFailureCount() != null || m.toleratedFailurePercentage() != null)) {
            FanOut fo = new FanOut(true, items, effective, items.size(), 0, toleratedCount, toleratedPercentage);
            fo.failed = failures;
            if (fo.overTolerance()) {
                return new Outcome.Failed(io.conflux.asl.expr.ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded", true);
            }
        }
        return finish(run, f, m, ((StateTest.Mock.Result) test.mock).value());
    }

    /** Every iteration ended within tolerance. */
    static Outcome completed(Run run, Frame f, FanOut fo) {
        MapState m = (MapState) f.state;
        ArrayNode results = Json.array();
        for (JsonNode r : fo.results) {
            results.add(r);
        }
        if (fo.lastEnd > 0 && m.mode() != MapState.Mode.DISTRIBUTED) {
            f.head = fo.lastEnd; // the Map closes from the record of its last iteration's end
        }
        return finish(run, f, m, results);
    }

    /** The Map's result is in: it succeeded; its output comes from the result. */
    private static Outcome finish(Run run, Frame f, MapState m, JsonNode results) {
        if (m.mode() == MapState.Mode.DISTRIBUTED) {
            run.emit(f, EventType.MapRunSucceeded, EventDetails.NONE);
        }
        run.note(f, EventType.MapStateSucceeded, EventDetails.NONE); // the exit follows from the same event
        f.phase = Frame.Phase.EXECUTE;
        try {
            StateScope raw = StateScope.of(run, f, f.input);
            Map<String, JsonNode> assigned;
            JsonNode out;
            if (DataFlow.jsonata(m)) {
                assigned = DataFlow.assign(m.io().assign(), raw.withResult(results));
                out = DataFlow.output(m, results, raw);
            } else {
                JsonNode selected = DataFlow.selectResult(m, results, raw);
                assigned = DataFlow.assign(m.io().assign(), raw.withInput(selected));
                out = DataFlow.output(m, selected, raw);
            }
            run.exited(f, out, assigned);
            return Outcome.leave(m.transition(), out);
        } catch (StatesException e) {
            return run.evaluationFailure(f, e);
        }
    }

    /** An iteration failed beyond tolerance; MapStateFailed is recorded once no retrier takes the failure. */
    static Outcome failed(Run run, Frame f, FanOut fo, String error, String cause) {
        f.phase = Frame.Phase.EXECUTE;
        Outcome.Failed failure = fo.toleratedCount > 0 || fo.toleratedPercentage > 0
                ? new Outcome.Failed(io.conflux.asl.expr.ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded", true)
                : new Outcome.Failed(error, cause, true);
        if (((MapState) f.state).mode() == MapState.Mode.DISTRIBUTED) {
            run.emit(f, EventType.MapRunFailed, new EventDetails.Failure(failure.error(), failure.cause()));
        }
        return failure;
    }

    /** What a failed but tolerated iteration contributes to the results. */
    static JsonNode failedItemResult(String error, String cause) {
        ObjectNode o = Json.object();
        if (error != null) {
            o.put("Error", error);
        }
        if (cause != null) {
            o.put("Cause", cause);
        }
        return o;
    }
}
