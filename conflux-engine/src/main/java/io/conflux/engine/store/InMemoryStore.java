package io.conflux.engine.store;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Executions in memory: for tests, the CLI and Express executions. Nothing survives the process. */
public final class InMemoryStore implements ExecutionStore {

    private record Entry(ExecutionState state, List<HistoryEvent> history) {}

    private final Map<String, Entry> executions = new ConcurrentHashMap<>();
    private final boolean keepHistory;

    /** @param keepHistory false to keep no history at all (Express executions with logging off, benchmarks) */
    public InMemoryStore(boolean keepHistory) {
        this.keepHistory = keepHistory;
    }

    public InMemoryStore() {
        this(true);
    }

    @Override
    public boolean create(ExecutionState state) {
        return executions.putIfAbsent(state.info().executionArn(), new Entry(state, new ArrayList<>())) == null;
    }

    @Override
    public void commit(ExecutionState state, Transition transition) {
        if (!keepHistory || transition.events().isEmpty()) {
            return;
        }
        Entry e = executions.get(state.info().executionArn());
        synchronized (e.history()) {
            e.history().addAll(transition.events());
        }
    }

    @Override
    public Optional<ExecutionState> find(String executionArn) {
        Entry e = executions.get(executionArn);
        return e == null ? Optional.empty() : Optional.of(e.state());
    }

    @Override
    public List<HistoryEvent> history(String executionArn) {
        Entry e = executions.get(executionArn);
        if (e == null) {
            return List.of();
        }
        synchronized (e.history()) {
            return List.copyOf(e.history());
        }
    }
}
