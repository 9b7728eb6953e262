package io.conflux.engine.store;

import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.Transition;

/** One applied event and what it produced: the unit a store commits. */
public record Step(Event event, Transition transition) {}
