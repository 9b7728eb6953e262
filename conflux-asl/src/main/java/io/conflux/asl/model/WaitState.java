package io.conflux.asl.model;

/**
 * Wait: delays for {@code seconds} or until {@code timestamp}; exactly one of them is set.
 */
public record WaitState(StateHeader header, Io io, Transition transition, ValueSource seconds, ValueSource timestamp)
        implements State {}
