package io.conflux.asl.model;

import io.conflux.asl.QueryLanguage;

/**
 * One state of a definition, compiled. The set of state types is closed: code that handles states switches over
 * this sealed interface without a default branch, so adding a type is a compile error everywhere it matters.
 */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    /** Name, comment, query language and location, common to every state. */
    StateHeader header();

    /** Input and output processing; fields a state type does not have are null. */
    Io io();

    default String name() {
        return header().name();
    }

    default QueryLanguage queryLanguage() {
        return header().queryLanguage();
    }

    /** AWS's name for the type, as in {@code "Type": "Pass"}. */
    default String typeName() {
        return switch (this) {
            case PassState s -> "Pass";
            case TaskState s -> "Task";
            case ChoiceState s -> "Choice";
            case WaitState s -> "Wait";
            case SucceedState s -> "Succeed";
            case FailState s -> "Fail";
            case ParallelState s -> "Parallel";
            case MapState s -> "Map";
        };
    }
}
