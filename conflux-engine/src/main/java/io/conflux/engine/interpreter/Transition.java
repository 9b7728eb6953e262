package io.conflux.engine.interpreter;

import io.conflux.engine.history.HistoryEvent;
import java.util.List;

/**
 * What one step produced: the history events to append and the commands to carry out, in order. The runner stores
 * both (with the new state) before it carries out a command, so a crash never loses or repeats a transition.
 */
public record Transition(List<HistoryEvent> events, List<Command> commands) {}
