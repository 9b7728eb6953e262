package io.conflux.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps one execution by hand: every event is fed to {@link Interpreter#step} at an explicit instant, and what each
 * step produced stays inspectable. No engine, no clock, no threads.
 */
final class Stepper {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String FN = "arn:aws:lambda:us-east-1:111111111111:function:";

    private final Interpreter interpreter;
    final ExecutionState state;
    /** Every event of the history so far. */
    final List<HistoryEvent> history = new ArrayList<>();
    /** What the last step produced. */
    Transition last;

    private Stepper(ExecutionState state, Interpreter interpreter) {
        this.state = state;
        this.interpreter = interpreter;
    }

    /** A new execution of {@code definition} (JSON text with ' for ") on {@code input}, with salt {@code salt}. */
    static Stepper of(String definition, String input, String salt) {
        return exact(definition.replace('\'', '"'), input.replace('\'', '"'), salt, Limits.AWS);
    }

    /** As {@link #of(String, String, String)}, with the JSON taken as written (JSONata strings keep their '). */
    static Stepper exact(String definition, String input, String salt, Limits limits) {
        ParseResult parsed = Asl.parse(definition);
        assertThat(parsed.isValid()).as(parsed.isValid() ? "" : parsed.invalidDefinitionMessage()).isTrue();
        JsonNode in;
        try {
            in = Json.parse(input);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return new Stepper(ExecutionState.create(ExecutionInfo.local("machine", "run"), parsed.machine(), in, T0,
                salt), new Interpreter(new Interpreter.Config(limits)));
    }

    static Stepper exact(String definition, String input) {
        return exact(definition, input, "salt", Limits.AWS);
    }

    /** The StateExited details of the last exit of state {@code name} in the whole history. */
    io.conflux.engine.history.EventDetails.StateExited exited(String name) {
        return history.stream().map(HistoryEvent::details)
                .filter(io.conflux.engine.history.EventDetails.StateExited.class::isInstance)
                .map(io.conflux.engine.history.EventDetails.StateExited.class::cast)
                .filter(d -> d.name().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("Expected state '" + name + "' to have exited"));
    }

    static Stepper of(String definition, String input) {
        return of(definition, input, "salt");
    }

    Transition step(Event e) {
        last = interpreter.step(state, e);
        history.addAll(last.events());
        return last;
    }

    Transition start() {
        return step(new Event.Start(T0));
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    Transition succeed(String token, String output, long atSeconds) {
        try {
            return step(new Event.TaskSucceeded(at(atSeconds), token, Json.parse(output.replace('\'', '"'))));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    Transition fail(String token, String error, long atSeconds) {
        return step(new Event.TaskFailed(at(atSeconds), token, error, "it broke"));
    }

    Transition fire(String timerId, long atSeconds) {
        return step(new Event.TimerFired(at(atSeconds), timerId));
    }

    // ---- what the last step asked for -----------------------------------------------------------------------

    List<Command.StartTask> tasksStarted() {
        return last.commands().stream().filter(Command.StartTask.class::isInstance)
                .map(Command.StartTask.class::cast).toList();
    }

    /** The token of the one task the last step started. */
    String onlyTask() {
        assertThat(tasksStarted()).hasSize(1);
        return tasksStarted().get(0).request().taskToken();
    }

    List<Command.StartTimer> timersStarted() {
        return last.commands().stream().filter(Command.StartTimer.class::isInstance)
                .map(Command.StartTimer.class::cast).toList();
    }

    Command.StartTimer onlyTimer() {
        assertThat(timersStarted()).hasSize(1);
        return timersStarted().get(0);
    }

    List<String> timersCancelled() {
        return last.commands().stream().filter(Command.CancelTimer.class::isInstance)
                .map(c -> ((Command.CancelTimer) c).timerId()).toList();
    }

    List<String> tasksCancelled() {
        return last.commands().stream().filter(Command.CancelTask.class::isInstance)
                .map(c -> ((Command.CancelTask) c).token()).toList();
    }

    List<EventType> types() {
        return last.events().stream().map(HistoryEvent::type).toList();
    }

    HistoryEvent lastEvent(EventType type) {
        return last.events().stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("Expected a " + type + " event in " + types()));
    }
}
