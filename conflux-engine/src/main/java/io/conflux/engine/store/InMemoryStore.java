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
    public List<ExecutionRecord> list(ExecutionQuery q) {
        java.util.Comparator<ExecutionState> newestFirst = java.util.Comparator
                .comparing(ExecutionState::startTime).reversed()
                .thenComparing(s -> s.info().executionArn());
        List<ExecutionState> matching = executions.values().stream()
                .map(Entry::state)
                .filter(s -> q.stateMachineArn() == null || matches(s, q.stateMachineArn()))
                .filter(s -> q.status() == null || s.status() == q.status())
                .sorted(newestFirst)
                .toList();
        int from = 0;
        if (q.after() != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).info().executionArn().equals(q.after())) {
                    from = i + 1;
                    break;
                }
            }
        }
        return matching.subList(from, Math.min(matching.size(), from + q.limit())).stream()
                .map(ExecutionRecord::of).toList();
    }

    private static boolean matches(ExecutionState s, String arn) {
        return arn.equals(s.info().stateMachineArn()) || arn.equals(s.info().versionArn())
                || arn.equals(s.info().aliasArn());
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
