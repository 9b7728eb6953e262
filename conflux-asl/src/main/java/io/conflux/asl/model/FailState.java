package io.conflux.asl.model;

/** Fail: ends the execution (or its branch) with an error name and a cause; either may be absent. */
public record FailState(StateHeader header, Io io, ValueSource error, ValueSource cause) implements State {}
