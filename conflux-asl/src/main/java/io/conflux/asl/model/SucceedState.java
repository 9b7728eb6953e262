package io.conflux.asl.model;

/** Succeed: ends its graph successfully. */
public record SucceedState(StateHeader header, Io io) implements State {}
