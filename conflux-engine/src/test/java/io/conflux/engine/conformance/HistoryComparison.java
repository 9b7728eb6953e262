package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares our history of an execution with the one AWS recorded, the way the recording can be compared:
 *
 * <ul>
 *   <li>The recorder parsed JSON text (inputs, outputs, causes, assigned variables) into JSON, except that some
 *       scalar and array texts stayed text; so a recorded value is compared as JSON when either side is JSON text.
 *   <li>{@code <placeholder>} parts of recorded text match anything, as do the recorder's unmarked stand-ins
 *       ({@code snf_role_arn}, {@code timestamp} …). {@code timestamp} is ignored; so is every {@code roleArn} (ours
 *       is our own).
 *   <li>Events of Parallel branches run concurrently on AWS, so their order and numbering is nondeterministic: the
 *       recorder wrote their ids as {@code [0]} and their previousEventIds as 0, and sorted them. A run of such
 *       events is compared as a multiset, without ids. The recorder also left out ParallelStateSucceeded (the gap
 *       in the ids shows where it was), so ours is dropped before comparing.
 *   <li>A history fetched with {@code reverseOrder} is turned back first.
 * </ul>
 */
final class HistoryComparison {
    /** The recorder's stand-ins for volatile values, not marked as placeholders. */
    private static final Set<String> STAND_INS = Set.of("snf_role_arn", "sfn_role_arn", "timestamp", "date",
            "activity_arn", "map_run_arn", "start-time", "entered-time");

    /** What the recorder left out after a run of branch events. */
    private static final Set<String> OMITTED = Set.of(EventType.ParallelStateSucceeded.name(),
            EventType.ParallelStateFailed.name());

    private HistoryComparison() {}

    /**
     * The outcome of a comparison.
     *
     * @param differences what differs: empty when our history matches the recorded one
     * @param leftToChance numbering that differs where AWS's numbering is a race (see {@link #byChance})
     */
    record Verdict(List<String> differences, List<String> leftToChance) {
        boolean matches() {
            return differences.isEmpty();
        }
    }

    /** Compares a recorded history with ours. */
    static Verdict compare(JsonNode recorded, List<HistoryEvent> ours) {
        List<String> chance = new ArrayList<>();
        List<String> why = diff(recorded, ours, chance);
        return new Verdict(why, chance);
    }

    /**
     * Whether a previousEventId difference is one AWS leaves to chance. A distributed Map's MapStateExited follows
     * from MapRunSucceeded in most recordings, but from MapRunStarted in some of the very same shape: the Map Run
     * ends asynchronously, and the exit follows from whichever of its events the parent had seen last.
     */
    private static boolean byChance(String type, String recordedPreviousType, String ourPreviousType) {
        return type.equals(EventType.MapStateExited.name())
                && EventType.MapRunStarted.name().equals(recordedPreviousType)
                && EventType.MapRunSucceeded.name().equals(ourPreviousType);
    }

    private static List<String> diff(JsonNode recorded, List<HistoryEvent> ours, List<String> chance) {
        List<JsonNode> want = new ArrayList<>();
        recorded.forEach(e -> want.add(Conformance.markStandIns(e, STAND_INS)));
        if (want.size() > 1 && want.get(0).path("id").asLong() > want.get(want.size() - 1).path("id").asLong()) {
            Collections.reverse(want);
        }
        List<ObjectNode> got = new ArrayList<>();
        for (HistoryEvent e : ours) {
            got.add(HistoryJson.write(e, true, HistoryJson.Timestamps.ISO));
        }
        Map<Long, String> recordedTypes = new HashMap<>();
        want.forEach(e -> recordedTypes.put(e.path("id").asLong(), e.path("type").asText()));
        Map<Long, String> ourTypes = new HashMap<>();
        got.forEach(e -> ourTypes.put(e.path("id").asLong(), e.path("type").asText()));
        List<String> why = new ArrayList<>();
        int g = 0;
        for (int w = 0; w < want.size(); ) {
            if (!want.get(w).path("id").isArray()) {
                if (g >= got.size()) {
                    why.add("#" + (w + 1) + " expected " + summary(want.get(w)) + ", but our history ended");
                    return why;
                }
                JsonNode x = want.get(w);
                JsonNode y = got.get(g);
                List<String> d = event(x, y, true);
                if (d.size() == 1 && d.get(0).startsWith("previousEventId") && byChance(x.path("type").asText(),
                        recordedTypes.get(x.path("previousEventId").asLong()),
                        ourTypes.get(y.path("previousEventId").asLong()))) {
                    chance.add("#" + (w + 1) + " " + summary(x) + " vs ours " + summary(y));
                    d = List.of();
                }
                if (!d.isEmpty()) {
                    why.add("#" + (w + 1) + " " + summary(want.get(w)) + " vs ours " + summary(got.get(g)) + ": "
                            + String.join("; ", d));
                    return why; // later events are off by the same cause: one difference is enough to read
                }
                w++;
                g++;
                continue;
            }
            // A run of nondeterministically ordered events: match each recorded one with any of ours in the run.
            int end = w;
            while (end < want.size() && want.get(end).path("id").isArray()) {
                end++;
            }
            int n = end - w;
            if (g + n > got.size()) {
                why.add("#" + (w + 1) + " expected " + n + " branch events, but our history ended");
                return why;
            }
            List<ObjectNode> pool = new ArrayList<>(got.subList(g, g + n));
            for (int k = w; k < end; k++) {
                JsonNode x = want.get(k);
                ObjectNode hit = null;
                for (ObjectNode candidate : pool) {
                    if (event(x, candidate, false).isEmpty()) {
                        hit = candidate;
                        break;
                    }
                }
                if (hit == null) {
                    why.add("#" + (k + 1) + " " + summary(x) + " has no match among our branch events "
                            + pool.stream().map(HistoryComparison::summary).toList());
                    return why;
                }
                pool.remove(hit);
            }
            w = end;
            g += n;
            // Where the recorder left out the Parallel's own end (the ids jump), skip ours.
            long nextId = end < want.size() ? want.get(end).path("id").asLong() : Long.MAX_VALUE;
            while (g < got.size() && got.get(g).path("id").asLong() < nextId
                    && OMITTED.contains(got.get(g).path("type").asText())) {
                g++;
            }
        }
        if (g < got.size()) {
            why.add("ours goes on with " + summary(got.get(g)) + " (" + (got.size() - g) + " more)");
        }
        return why;
    }


    private static String summary(JsonNode e) {
        return e.path("type").asText() + "(" + e.path("id") + "<-" + e.path("previousEventId") + ")";
    }

    private static List<String> event(JsonNode want, JsonNode got, boolean numbered) {
        List<String> why = new ArrayList<>();
        if (!want.path("type").asText().equals(got.path("type").asText())) {
            why.add("type");
            return why;
        }
        if (numbered) {
            if (want.path("id").asLong() != got.path("id").asLong()) {
                why.add("id " + got.path("id") + " != " + want.path("id"));
            }
            if (want.path("previousEventId").asLong() != got.path("previousEventId").asLong()) {
                why.add("previousEventId " + got.path("previousEventId") + " != " + want.path("previousEventId"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().endsWith("EventDetails")) {
                node(f.getKey(), f.getValue(), got.get(f.getKey()), why);
            }
        }
        for (Iterator<String> it = got.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.endsWith("EventDetails") && !want.has(k)) {
                why.add("unexpected " + k + " " + Json.write(got.get(k)));
            }
        }
        return why;
    }

    private static void node(String path, JsonNode want, JsonNode got, List<String> why) {
        if (path.endsWith("roleArn")) {
            return;
        }
        if (got == null) {
            why.add(path + " missing (expected " + abbreviate(Json.write(want)) + ")");
            return;
        }
        if (want.isObject() && got.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                node(path + "." + f.getKey(), f.getValue(), got.get(f.getKey()), why);
            }
            for (Iterator<String> it = got.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!want.has(k) && !k.equals("roleArn")) {
                    why.add(path + "." + k + " unexpected: " + abbreviate(Json.write(got.get(k))));
                }
            }
            return;
        }
        if (!value(want, got)) {
            why.add(path + " " + abbreviate(got.isTextual() ? got.asText() : Json.write(got)) + " != "
                    + abbreviate(want.isTextual() ? want.asText() : Json.write(want)));
        }
    }

    /** A recorded value against ours, either of which may be JSON text. */
    private static boolean value(JsonNode want, JsonNode got) {
        if (want.isTextual() && got.isTextual()) {
            if (Conformance.matchesText(want.asText(), got.asText())) {
                return true;
            }
            JsonNode w = parse(want.asText());
            JsonNode o = parse(got.asText());
            return w != null && o != null && CorpusRunner.matches(w, o);
        }
        if (!want.isTextual() && got.isTextual()) {
            JsonNode o = parse(got.asText());
            return o != null && CorpusRunner.matches(want, o);
        }
        return CorpusRunner.matches(want, got);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return null; // not JSON text
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
