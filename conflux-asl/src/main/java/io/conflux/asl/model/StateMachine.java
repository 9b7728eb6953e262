package io.conflux.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled, validated definition. Immutable and shared by every execution of it.
 *
 * @param graph the top-level StartAt and States
 * @param queryLanguage the machine's default query language
 * @param timeoutSeconds the machine's TimeoutSeconds, or null
 * @param source the definition as parsed, for describing it back
 */
public record StateMachine(
        String comment,
        StateGraph graph,
        QueryLanguage queryLanguage,
        Long timeoutSeconds,
        String version,
        JsonNode source) {

    /** Every state of the definition by name, including those inside Parallel branches and Map processors. */
    public Map<String, State> allStates() {
        Map<String, State> all = new LinkedHashMap<>();
        collect(graph, all);
        return all;
    }

    private static void collect(StateGraph g, Map<String, State> into) {
        for (State s : g.states().values()) {
            into.put(s.name(), s);
            switch (s) {
                case ParallelState p -> p.branches().forEach(b -> collect(b, into));
                case MapState m -> collect(m.processor(), into);
                default -> {}
            }
        }
    }
}
