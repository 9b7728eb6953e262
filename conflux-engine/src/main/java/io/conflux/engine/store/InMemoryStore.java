package io.conflux.engine.store;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import java.util.ArrayList;
import java.util.Comparator;
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
    public void commit(ExecutionState state, List<Step> steps) {
        if (!keepHistory) {
            return;
        }
        Entry e = executions.get(state.info().executionArn());
        synchronized (e.history()) {
            for (Step s : steps) {
                e.history().addAll(s.transition().events());
            }
        }
    }

    @Override
    public Optional<ExecutionRecord> describe(String executionArn) {
        Entry e = executions.get(executionArn);
        return e == null ? Optional.empty() : Optional.of(ExecutionRecord.of(e.state()));
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

    @Override
    public List<ExecutionRecord> list(ExecutionQuery q) {
        Comparator<ExecutionRecord> newestFirst = Comparator.comparing(ExecutionRecord::startTime).reversed()
                .thenComparing(r -> r.info().executionArn());
        List<ExecutionRecord> matching = executions.values().stream()
                .map(e -> ExecutionRecord.of(e.state()))
                .filter(r -> q.stateMachineArn() == null || ExecutionQuery.belongsTo(r, q.stateMachineArn()))
                .filter(r -> q.status() == null || r.status() == q.status())
                .filter(q::admits)
                .sorted(newestFirst)
                .toList();
        return ExecutionQuery.page(matching, q);
    }

    /** The execution itself: this store holds every execution's state, ended or not. */
    @Override
    public Optional<ExecutionState> held(String executionArn) {
        Entry e = executions.get(executionArn);
        return e == null ? Optional.empty() : Optional.of(e.state());
    }

    /** Nothing outlives the process, so there is never anything to resume. */
    @Override
    public List<StoredExecution> unfinished() {
        return List.of();
    }

    /** Forgets an execution (an Express execution that ended long enough ago). */
    void forget(String executionArn) {
        executions.remove(executionArn);
    }

    @Override
    public boolean durable() {
        return false;
    }
}
