package io.conflux.engine.store;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.ExecutionState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Standard executions in a durable store, Express executions in memory, as AWS runs them: an Express execution is
 * at-least-once and keeps no history worth a database write. The most recently ended Express executions stay
 * describable (AWS keeps none); older ones are forgotten, so that a busy server does not fill its memory.
 */
public final class ExpressInMemory implements ExecutionStore {
    private final ExecutionStore standard;
    private final InMemoryStore express;
    private final int keepEnded;
    private final Deque<String> ended = new ArrayDeque<>();

    /**
     * @param standard where Standard executions live
     * @param keepEnded how many ended Express executions stay describable
     */
    public ExpressInMemory(ExecutionStore standard, int keepEnded) {
        this.standard = standard;
        this.express = new InMemoryStore(true);
        this.keepEnded = keepEnded;
    }

    private static boolean isExpress(String executionArn) {
        return executionArn.contains(":express:");
    }

    private ExecutionStore of(String executionArn) {
        return isExpress(executionArn) ? express : standard;
    }

    @Override
    public boolean create(ExecutionState state) {
        return (state.info().express() ? express : standard).create(state);
    }

    @Override
    public void commit(ExecutionState state, List<Step> steps) {
        if (!state.info().express()) {
            standard.commit(state, steps);
            return;
        }
        express.commit(state, steps);
        if (state.status().isTerminal()) {
            synchronized (ended) {
                ended.addLast(state.info().executionArn());
                while (ended.size() > keepEnded) {
                    express.forget(ended.removeFirst());
                }
            }
        }
    }

    @Override
    public Optional<ExecutionRecord> describe(String executionArn) {
        return of(executionArn).describe(executionArn);
    }

    @Override
    public List<HistoryEvent> history(String executionArn) {
        return of(executionArn).history(executionArn);
    }

    /** A state machine's executions are all of its type, so they are all in one of the two stores. */
    @Override
    public List<ExecutionRecord> list(ExecutionQuery query) {
        List<ExecutionRecord> found = standard.list(query);
        return found.isEmpty() ? express.list(query) : found;
    }

    @Override
    public List<StoredExecution> unfinished() {
        return standard.unfinished();
    }

    @Override
    public Optional<ExecutionState> held(String executionArn) {
        return of(executionArn).held(executionArn);
    }

    @Override
    public Optional<StoredExecution> load(String executionArn) {
        return of(executionArn).load(executionArn);
    }

    @Override
    public List<StoredExecution> claim(Instant now, boolean includeOwn) {
        return standard.claim(now, includeOwn);
    }

    @Override
    public void renew(Instant now) {
        standard.renew(now);
    }

    @Override
    public boolean forward(String executionArn, Event event) {
        return !isExpress(executionArn) && standard.forward(executionArn, event);
    }

    @Override
    public List<Forwarded> takeForwarded(int limit) {
        return standard.takeForwarded(limit);
    }

    @Override
    public boolean durable() {
        return standard.durable();
    }

    @Override
    public void close() {
        standard.close();
        express.close();
    }
}
