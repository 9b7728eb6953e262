package io.conflux.engine.store;

import io.conflux.engine.interpreter.Event;

/** An event for an execution that another node runs, handed over through the store. */
public record Forwarded(long id, String executionArn, Event event) {}
