package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.MISSING_END_STATE;
import static io.conflux.asl.DiagnosticCodes.MISSING_TRANSITION_TARGET;
import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.model.Catcher;
import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.TaskState;
import io.conflux.asl.model.Transition;
import io.conflux.asl.model.WaitState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a graph once all its states are compiled: transition targets, reachability, a way to end. */
final class GraphChecks {
    private final Problems problems;

    GraphChecks(Problems problems) {
        this.problems = problems;
    }

    /** An edge of the graph: where it is written, and the state it names. */
    private record Edge(String pointer, String target) {}

    void check(StateGraph graph, JsonNode statesNode, String statesPointer) {
        boolean terminal = false;
        for (State s : graph.states().values()) {
            for (Edge e : edges(s)) {
                if (e.target() != null && !graph.states().containsKey(e.target())) {
                    problems.report(e.pointer(), MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + e.target());
                }
            }
            terminal |= isTerminal(s);
        }
        if (!terminal && !graph.states().isEmpty() && graph.states().size() == statesNode.size()) {
            problems.report(graph.pointer(), MISSING_END_STATE, "Workflow has no terminal state");
        }
        if (graph.states().size() != statesNode.size() || !graph.states().containsKey(graph.startAt())) {
            return; // reachability is meaningless while states failed to compile
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(graph.startAt());
        while (!todo.isEmpty()) {
            String name = todo.poll();
            State s = graph.state(name);
            if (s == null || !seen.add(name)) {
                continue;
            }
            for (Edge e : edges(s)) {
                if (e.target() != null) {
                    todo.add(e.target());
                }
            }
        }
        for (String name : graph.states().keySet()) {
            if (!seen.contains(name)) {
                problems.report(Problems.child(statesPointer, name), SCHEMA_VALIDATION_FAILED,
                        "State '" + name + "' is not reachable");
            }
        }
    }

    private static boolean isTerminal(State s) {
        return switch (s) {
            case SucceedState x -> true;
            case FailState x -> true;
            case PassState x -> x.transition().isEnd();
            case TaskState x -> x.transition().isEnd();
            case WaitState x -> x.transition().isEnd();
            case ParallelState x -> x.transition().isEnd();
            case MapState x -> x.transition().isEnd();
            case ChoiceState x -> false;
        };
    }

    private static List<Edge> edges(State s) {
        List<Edge> out = new ArrayList<>();
        String p = s.header().pointer();
        switch (s) {
            case PassState x -> next(out, p, x.transition());
            case TaskState x -> {
                next(out, p, x.transition());
                catches(out, p, x.catchers());
            }
            case WaitState x -> next(out, p, x.transition());
            case ParallelState x -> {
                next(out, p, x.transition());
                catches(out, p, x.catchers());
            }
            case MapState x -> {
                next(out, p, x.transition());
                catches(out, p, x.catchers());
            }
            case ChoiceState x -> {
                for (int i = 0; i < x.choices().size(); i++) {
                    out.add(new Edge(Problems.child(Problems.child(Problems.child(p, "Choices"), i), "Next"),
                            x.choices().get(i).next()));
                }
                if (x.defaultNext() != null) {
                    out.add(new Edge(Problems.child(p, "Default"), x.defaultNext()));
                }
            }
            case SucceedState x -> {}
            case FailState x -> {}
        }
        return out;
    }

    private static void next(List<Edge> out, String pointer, Transition t) {
        if (!t.isEnd()) {
            out.add(new Edge(Problems.child(pointer, "Next"), t.next()));
        }
    }

    private static void catches(List<Edge> out, String pointer, List<Catcher> catchers) {
        for (int i = 0; i < catchers.size(); i++) {
            out.add(new Edge(Problems.child(Problems.child(Problems.child(pointer, "Catch"), i), "Next"),
                    catchers.get(i).next()));
        }
    }
}
