package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One running graph: the machine itself, a Parallel branch or a Map iteration. It is at one state at a time, in one
 * {@link Phase}. Frames nest: a Parallel or Map state's frame owns a {@link FanOut} of child frames.
 */
final class Frame {
    enum Phase {
        /** About to enter {@link #state}. */
        ENTER,
        /** Entered; (re)run the state's work, as after a retry backoff. */
        EXECUTE,
        AWAIT_TASK,
        AWAIT_TIMER,
        AWAIT_CHILDREN,
        DONE
    }

    final long id;
    final Frame parent;
    /** Branch or item index in the parent's fan-out; -1 for the root. */
    final int index;
    final StateGraph graph;

    State state;
    /** The current state's raw input. */
    JsonNode input;
    Phase phase = Phase.ENTER;
    long enteredEventId;
    /** The event the current state's entered event followed from. */
    long enteredFrom;
    Instant enteredTime;
    /** Retries made so far in the current state ($$.State.RetryCount). */
    int retryCount;
    /** Retries made so far per retrier of the current state. */
    int[] attempts;

    /** The task being waited for, while {@link Phase#AWAIT_TASK}. */
    PendingTask task;
    /** The Wait or retry-backoff timer being waited for, while {@link Phase#AWAIT_TIMER}. */
    String timerId;
    /** The children, while {@link Phase#AWAIT_CHILDREN}. */
    FanOut fanOut;
    /**
     * The children of the current state that ended without success (a child failed, or the execution ended while
     * they ran): what a redrive runs again, keeping the results of those that succeeded. Forgotten on entering a
     * state.
     */
    FanOut halted;
    /** Set by a redrive: the frame enters its state again, and a Map or Parallel reruns only its {@link #halted}. */
    boolean redriven;
    /** While a redriven Map or Parallel state starts: the halted children it carries over. */
    FanOut carried;

    /** The event the next event of this frame follows from (previousEventId). */
    long head;
    /**
     * True for the iterations of a distributed Map: on AWS they run as child executions with histories of their own,
     * so the parent's history records only the Map Run, not their events.
     */
    boolean unrecorded;
    /** Variables assigned in this frame's scope; reads fall back to enclosing frames. */
    Map<String, JsonNode> variables;
    /** The UTF-8 JSON size of each of {@link #variables}, and their sum: for AWS's variable size limits. */
    Map<String, Integer> variableSizes;
    long variableBytes;

    Frame(long id, Frame parent, int index, StateGraph graph) {
        this.id = id;
        this.parent = parent;
        this.index = index;
        this.graph = graph;
    }

    JsonNode variable(String name) {
        for (Frame f = this; f != null; f = f.parent) {
            if (f.variables != null) {
                JsonNode v = f.variables.get(name);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /**
     * Sets variables in this frame's scope, never in an enclosing one: a Map iteration or a Parallel branch that
     * assigns a name the outer scope has gets a variable of its own, which ends with it.
     */
    void assign(Map<String, JsonNode> values, Map<String, Integer> sizes) {
        if (values.isEmpty()) {
            return;
        }
        if (variables == null) {
            variables = new HashMap<>();
            variableSizes = new HashMap<>();
        }
        variables.putAll(values);
        sizes.forEach((name, size) -> {
            Integer old = variableSizes.put(name, size);
            variableBytes += size - (old == null ? 0 : old);
        });
    }

    /** The size of the variables this frame sees: its own and those of the frames around it. */
    long visibleVariableBytes() {
        long total = 0;
        for (Frame f = this; f != null; f = f.parent) {
            total += f.variableBytes;
        }
        return total;
    }

    /** The size of this frame's own variables among {@code names}: what assigning them again replaces. */
    long ownVariableBytes(Iterable<String> names) {
        if (variableSizes == null) {
            return 0;
        }
        long total = 0;
        for (String name : names) {
            total += variableSizes.getOrDefault(name, 0);
        }
        return total;
    }
}
