package io.conflux.engine.store;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import java.util.List;
import java.util.Optional;

/**
 * Where executions live: how they were created, the events applied to them, their history, and how they ended.
 * The runner calls {@link #commit} after applying events and only then carries out the commands they produced, so
 * a store that makes commits durable makes executions durable: after a crash, {@link #unfinished} gives back every
 * execution that was running, and replaying its events rebuilds it exactly.
 */
public interface ExecutionStore extends AutoCloseable {

    /** Records a new execution. Returns false when one with the same ARN exists already. */
    boolean create(ExecutionState state);

    /**
     * Records steps of one execution, in order, atomically: their events, the history they produced, and, once the
     * execution has ended, how it ended. Returns when the steps are as durable as this store makes anything.
     */
    void commit(ExecutionState state, List<Step> steps);

    Optional<ExecutionRecord> describe(String executionArn);

    /** The history so far, in id order. */
    List<HistoryEvent> history(String executionArn);

    /** A page of executions, newest first (by start time, then ARN). */
    List<ExecutionRecord> list(ExecutionQuery query);

    /** Executions that had not ended when the store was last used, with their events: what to resume. */
    List<StoredExecution> unfinished();

    // ---- redriving an ended execution --------------------------------------------------------------------------
    // A redrive applies one more event to an execution that has ended. The engine needs the execution's state for
    // that: the very state, when the store holds it in memory, or else the execution rebuilt from its events.

    /** The state of an execution, if this store holds it in memory (ended or not); empty otherwise. */
    default Optional<ExecutionState> held(String executionArn) {
        return Optional.empty();
    }

    /**
     * An execution with its definition and every event applied to it, ended or not, to rebuild it by replaying them;
     * empty when the store has none (or keeps no events). A store that writes on for the execution afterwards (a
     * redrive) continues its log.
     */
    default Optional<StoredExecution> load(String executionArn) {
        return Optional.empty();
    }

    // ---- several nodes on one store ----------------------------------------------------------------------------
    // An execution runs on one node at a time: the node whose store created or claimed it, while its lease lasts. A
    // node renews its leases; when one dies, another claims its executions once their leases have run out and
    // resumes them. Events that reach a node which does not run the execution are forwarded through the store. A
    // store serves one node, whose name it knows. Stores that serve a single process keep the defaults.

    /**
     * Claims for this store's node the unfinished executions that nobody holds (no owner, or a lease that ran out
     * before {@code now}), and with {@code includeOwn} also those the node held before it restarted, and returns them
     * with their events, to resume.
     */
    default List<StoredExecution> claim(java.time.Instant now, boolean includeOwn) {
        return includeOwn ? unfinished() : List.of();
    }

    /** Extends the leases of the running executions this store's node holds. */
    default void renew(java.time.Instant now) {}

    /** Hands an event to whichever node runs the execution. Returns false when the store cannot. */
    default boolean forward(String executionArn, io.conflux.engine.interpreter.Event event) {
        return false;
    }

    /** Takes (and removes) events forwarded to executions this store's node holds. */
    default List<Forwarded> takeForwarded(int limit) {
        return List.of();
    }

    /** Whether {@link #commit} survives the process (the runner then waits for it before carrying out commands). */
    boolean durable();

    @Override
    default void close() {}
}
