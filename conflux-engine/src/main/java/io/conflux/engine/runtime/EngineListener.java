package io.conflux.engine.runtime;

import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Transition;

/** Observes executions as they move. Called on the execution's thread after each committed step: keep it quick. */
public interface EngineListener {

    void committed(ExecutionState state, Transition transition);
}
