package io.conflux.engine.interpreter;

import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.TaskState;
import io.conflux.asl.model.WaitState;
import io.conflux.engine.history.EventType;

/** The history event types of each state type. */
final class Names {
    private Names() {}

    static EventType entered(State s) {
        return switch (s) {
            case PassState x -> EventType.PassStateEntered;
            case TaskState x -> EventType.TaskStateEntered;
            case ChoiceState x -> EventType.ChoiceStateEntered;
            case WaitState x -> EventType.WaitStateEntered;
            case SucceedState x -> EventType.SucceedStateEntered;
            case FailState x -> EventType.FailStateEntered;
            case ParallelState x -> EventType.ParallelStateEntered;
            case MapState x -> EventType.MapStateEntered;
        };
    }

    /** The exited type; Fail states have none (they end their frame instead). */
    static EventType exited(State s) {
        return switch (s) {
            case PassState x -> EventType.PassStateExited;
            case TaskState x -> EventType.TaskStateExited;
            case ChoiceState x -> EventType.ChoiceStateExited;
            case WaitState x -> EventType.WaitStateExited;
            case SucceedState x -> EventType.SucceedStateExited;
            case FailState x -> throw new IllegalStateException("Fail states are never exited");
            case ParallelState x -> EventType.ParallelStateExited;
            case MapState x -> EventType.MapStateExited;
        };
    }
}
