package io.conflux.server;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.Command;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Transition;
import io.conflux.engine.runtime.EngineListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers the task tokens whose tasks timed out (TimeoutSeconds or HeartbeatSeconds), so that a late SendTask*
 * gets AWS's TaskTimedOut rather than TaskDoesNotExist. A step that times a task out records a *TimedOut event and
 * cancels the task's token in the same transition. Bounded: the oldest tokens are forgotten first.
 */
final class TimedOutTokens implements EngineListener {
    private static final int CAPACITY = 100_000;

    private final Set<String> tokens = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > CAPACITY;
                }
            }));

    @Override
    public void committed(ExecutionState state, Transition transition) {
        boolean timedOut = false;
        for (HistoryEvent e : transition.events()) {
            if (e.type().name().endsWith("TimedOut")) {
                timedOut = true;
                break;
            }
        }
        if (!timedOut) {
            return;
        }
        for (Command c : transition.commands()) {
            if (c instanceof Command.CancelTask ct) {
                tokens.add(ct.token());
            }
        }
    }

    boolean contains(String token) {
        return tokens.contains(token);
    }
}
