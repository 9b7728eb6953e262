package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.DUPLICATE_STATE_NAME;
import static io.conflux.asl.DiagnosticCodes.INVALID_STATE_NAME;
import static io.conflux.asl.DiagnosticCodes.TOO_DEEPLY_NESTED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the StartAt + States objects of a definition: the machine, each Parallel branch and each Map item
 * processor. State names are unique across all of them, so the names seen so far live here, and so does the list
 * of graphs that {@link GraphChecks} walks once everything is read.
 */
final class GraphReader {
    /**
     * How many Parallel and Map levels may enclose a graph. AWS has such a limit (TOO_DEEPLY_NESTED) but does not
     * document it; this one is far beyond any definition we have seen and keeps the reader's recursion bounded.
     */
    static final int MAX_DEPTH = 100;
    private static final int MAX_NAME_LENGTH = 80;
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private final ReadContext ctx;
    private final Set<String> repeatedKeys;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final List<GraphChecks.Graph> graphs = new ArrayList<>();

    GraphReader(ReadContext ctx, Set<String> repeatedKeys) {
        this.ctx = ctx;
        this.repeatedKeys = repeatedKeys;
    }

    /** The graphs read so far, outermost first. */
    List<GraphChecks.Graph> graphs() {
        return graphs;
    }

    /** The machine's own StartAt and States (its other fields are the caller's). */
    StateGraph machine(Fields root) {
        return states(root, 0, true);
    }

    /** A Parallel branch. */
    StateGraph branch(Fields f, int depth) {
        return nested(f, depth, BRANCH_FIELDS);
    }

    /** A Map's ItemProcessor (or Iterator); its ProcessorConfig is the Map's to read. */
    StateGraph processor(Fields f, int depth) {
        return nested(f, depth, PROCESSOR_FIELDS);
    }

    private StateGraph nested(Fields f, int depth, Set<String> allowed) {
        if (depth > MAX_DEPTH) {
            ctx.sink().report(f.pointer(), TOO_DEEPLY_NESTED,
                    "The states are nested more than " + MAX_DEPTH + " levels deep");
            return null;
        }
        f.allowOnly(allowed);
        f.required("States", "StartAt");
        return states(f, depth, false);
    }

    private StateGraph states(Fields f, int depth, boolean top) {
        String startAt = f.string("StartAt");
        String comment = f.string("Comment");
        JsonNode states = f.object("States");
        graphs.add(new GraphChecks.Graph(f.node(), f.pointer(), top));
        Map<String, State> compiled = new LinkedHashMap<>();
        if (states != null) {
            if (states.isEmpty()) {
                f.report("States", Fields.EMPTY);
            }
            String statesPointer = f.pointer("States");
            StateReader reader = new StateReader(ctx, this, depth);
            for (Map.Entry<String, JsonNode> e : states.properties()) {
                String at = Problems.child(statesPointer, e.getKey());
                checkName(e.getKey(), at);
                State state = reader.read(e.getKey(), e.getValue(), at);
                if (state != null) {
                    compiled.put(e.getKey(), state);
                }
            }
        }
        return new StateGraph(startAt, compiled, comment, f.pointer());
    }

    private void checkName(String name, String pointer) {
        if (repeatedKeys.contains(pointer) || names.putIfAbsent(name, pointer) != null) {
            ctx.sink().report(pointer, DUPLICATE_STATE_NAME, "Duplicate State name: " + name);
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            ctx.sink().report(pointer, INVALID_STATE_NAME,
                    "State name '" + name + "' exceeds the 80-character limit allowed by the service");
        }
    }

    Map<String, String> labels() {
        return labels;
    }
}
