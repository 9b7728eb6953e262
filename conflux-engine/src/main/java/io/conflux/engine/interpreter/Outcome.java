package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.Transition;

/** What running a state's work gave: where the frame goes next. */
sealed interface Outcome {

    /** Go to {@code state} with {@code output} as its input. */
    record Next(String state, JsonNode output) implements Outcome {}

    /** The frame's graph ended successfully with {@code output}. */
    record End(JsonNode output) implements Outcome {}

    /** Run the state's work again now (a retry without delay). */
    record Again() implements Outcome {}

    /** Waiting for a task, a timer or children. */
    record Parked() implements Outcome {}

    /**
     * The state failed. Retry and Catch apply when {@code recoverable}; a failure in the state's own field
     * evaluation, for example, is not.
     */
    record Failed(String error, String cause, boolean recoverable) implements Outcome {}

    Parked PARKED = new Parked();

    /** Leaves a state through its transition. */
    static Outcome leave(Transition t, JsonNode output) {
        return t.isEnd() ? new End(output) : new Next(t.next(), output);
    }
}
