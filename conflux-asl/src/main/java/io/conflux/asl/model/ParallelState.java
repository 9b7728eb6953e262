package io.conflux.asl.model;

import java.util.List;

/** Parallel: runs every branch on the same input; the output is the branches' outputs in branch order. */
public record ParallelState(
        StateHeader header,
        Io io,
        Transition transition,
        List<StateGraph> branches,
        List<Retrier> retry,
        List<Catcher> catchers) implements State, Recoverable {}
