package io.conflux.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass: passes its input to its output, optionally injecting a fixed {@code result}. */
public record PassState(StateHeader header, Io io, Transition transition, JsonNode result) implements State {}
