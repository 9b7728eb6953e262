package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.MISSING_END_STATE;
import static io.conflux.asl.DiagnosticCodes.MISSING_TRANSITION_TARGET;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Problems;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a graph as a whole, once every state is read: transitions to states that do not exist, states
 * nothing leads to, and a machine with no way to end. They read the definition itself rather than the compiled
 * states, so that a state that failed to compile still has its transitions checked.
 *
 * <p>As AWS: a target missing from its own graph is MISSING_TRANSITION_TARGET whatever field names it (StartAt,
 * Next, Default, a Choice rule's or a catcher's Next); only the machine's top level must have a terminal state, and
 * when it has none AWS reports that alone, not the states that are unreachable because of it.
 */
final class GraphChecks {
    /**
     * One StartAt + States object.
     *
     * @param top whether it is the machine's top level
     */
    record Graph(JsonNode node, String pointer, boolean top) {}

    /** A transition: where it is written and the state it names. */
    private record Edge(String pointer, String target) {}

    private final DiagnosticSink sink;

    GraphChecks(DiagnosticSink sink) {
        this.sink = sink;
    }

    void check(List<Graph> graphs) {
        for (Graph g : graphs) {
            check(g);
        }
    }

    private void check(Graph g) {
        JsonNode states = g.node().get("States");
        JsonNode startAt = g.node().get("StartAt");
        if (states == null || !states.isObject() || states.isEmpty() || startAt == null || !startAt.isTextual()) {
            return; // reported as a schema problem; there is no graph to walk
        }
        String statesPointer = Problems.child(g.pointer(), "States");
        if (!states.has(startAt.asText())) {
            missing(Problems.child(g.pointer(), "StartAt"), startAt.asText());
        }
        boolean terminal = false;
        boolean unknown = false; // a state that is not even an object might have been the terminal one
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            for (Edge edge : edges(e.getValue(), Problems.child(statesPointer, e.getKey()))) {
                if (!states.has(edge.target())) {
                    missing(edge.pointer(), edge.target());
                }
            }
            terminal |= isTerminal(e.getValue());
            unknown |= !e.getValue().isObject();
        }
        if (g.top() && !terminal && !unknown) {
            sink.reportNowhere(MISSING_END_STATE, "Workflow has no terminal state");
            return;
        }
        Set<String> reached = reachable(states, startAt.asText(), statesPointer);
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            if (!reached.contains(e.getKey())) {
                sink.report(Problems.child(statesPointer, e.getKey()), MISSING_TRANSITION_TARGET,
                        "State \"" + e.getKey() + "\" is not reachable.");
            }
        }
    }

    private void missing(String pointer, String target) {
        sink.report(pointer, MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + target);
    }

    private static Set<String> reachable(JsonNode states, String startAt, String statesPointer) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (states.has(startAt)) {
            todo.add(startAt);
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            for (Edge e : edges(states.get(name), Problems.child(statesPointer, name))) {
                if (states.has(e.target()) && !seen.contains(e.target())) {
                    todo.add(e.target());
                }
            }
        }
        return seen;
    }

    private static boolean isTerminal(JsonNode state) {
        if (!state.isObject()) {
            return false;
        }
        String type = state.path("Type").asText("");
        JsonNode end = state.get("End");
        return type.equals("Succeed") || type.equals("Fail") || (end != null && end.isBoolean() && end.asBoolean());
    }

    /** The transitions a state's type gives it; a state of unknown type is taken to have all of them. */
    private static List<Edge> edges(JsonNode state, String pointer) {
        List<Edge> out = new ArrayList<>();
        if (!state.isObject()) {
            return out;
        }
        String type = state.path("Type").asText("");
        boolean known = StateReader.TYPES.contains(type);
        if (!known || !(type.equals("Choice") || type.equals("Succeed") || type.equals("Fail"))) {
            target(out, state, "Next", pointer);
        }
        if (!known || type.equals("Choice")) {
            JsonNode choices = state.get("Choices");
            for (int i = 0; choices != null && choices.isArray() && i < choices.size(); i++) {
                target(out, choices.get(i), "Next", Problems.child(Problems.child(pointer, "Choices"), i));
            }
            target(out, state, "Default", pointer);
        }
        if (!known || type.equals("Task") || type.equals("Parallel") || type.equals("Map")) {
            JsonNode catchers = state.get("Catch");
            for (int i = 0; catchers != null && catchers.isArray() && i < catchers.size(); i++) {
                target(out, catchers.get(i), "Next", Problems.child(Problems.child(pointer, "Catch"), i));
            }
        }
        return out;
    }

    private static void target(List<Edge> out, JsonNode node, String field, String pointer) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
            out.add(new Edge(Problems.child(pointer, field), value.asText()));
        }
    }
}
