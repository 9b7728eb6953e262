package io.conflux.engine.store;

import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Where executions live: their state and their history. The runner calls {@link #commit} after every step and only
 * then carries out the step's commands, so a store that makes commits durable makes executions durable.
 */
public interface ExecutionStore {

    /** Records a new execution. Returns false when one with the same ARN exists already. */
    boolean create(ExecutionState state);

    /** Records a step of {@code state}: its new state and the transition's history events. */
    void commit(ExecutionState state, Transition transition);

    Optional<ExecutionState> find(String executionArn);

    /** The history so far, in id order. */
    List<HistoryEvent> history(String executionArn);

    /** A page of executions, newest first (by start time, then ARN). */
    List<ExecutionRecord> list(ExecutionQuery query);
}
