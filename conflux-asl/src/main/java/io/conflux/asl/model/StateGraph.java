package io.conflux.asl.model;

import java.util.Map;

/**
 * States and where to start: the whole machine, a Parallel branch or a Map item processor.
 *
 * @param states in definition order
 * @param pointer JSON pointer of the graph's object, e.g. {@code /States/P/Branches/0}
 */
public record StateGraph(String startAt, Map<String, State> states, String comment, String pointer) {

    public State start() {
        return states.get(startAt);
    }

    public State state(String name) {
        return states.get(name);
    }
}
