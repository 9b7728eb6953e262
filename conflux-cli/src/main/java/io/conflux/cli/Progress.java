package io.conflux.cli;

import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Transition;
import io.conflux.engine.runtime.EngineListener;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Shows a run's progress on stderr: each state as it is entered and left. On a terminal, a status line below shows
 * what the execution waits for and redraws in place; piped, plain lines only. Runs with very many states (a large
 * Map) switch to a count after {@link #DETAILED_LINES} lines, so that progress never dominates the run.
 */
final class Progress implements EngineListener {
    static final int DETAILED_LINES = 200;

    private final PrintStream err;
    private final boolean terminal;
    private final Instant started = Instant.now();
    private int lines;
    private long entered;
    private long exited;
    private String waitingOn;
    private boolean statusShown;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void committed(ExecutionState state, Transition t) {
        clearStatus();
        for (HistoryEvent e : t.events()) {
            String type = e.type().name();
            if (e.details() instanceof EventDetails.StateEntered d) {
                entered++;
                waitingOn = d.name();
                line(color("36", "→ ") + d.name() + dim(" (" + type.replace("StateEntered", "") + ")"));
            } else if (e.details() instanceof EventDetails.StateExited d) {
                exited++;
                line(color("32", "✓ ") + d.name());
            } else if (type.endsWith("Failed") || type.endsWith("TimedOut")) {
                line(color("31", "✗ ") + type + errorOf(e.details()));
            } else if (type.endsWith("Scheduled") || type.equals("MapStateStarted")
                    || type.equals("ParallelStateStarted")) {
                line(dim("  " + type));
            }
        }
        if (lines == DETAILED_LINES) {
            err.println(dim("  … many states: counting from here"));
            lines++;
        }
        showStatus(state);
    }

    private static String errorOf(EventDetails d) {
        return switch (d) {
            case EventDetails.Failure f -> ": " + f.error();
            case EventDetails.TaskError f -> ": " + f.error();
            default -> "";
        };
    }

    private void line(String text) {
        if (lines < DETAILED_LINES) {
            err.println(text);
            lines++;
        }
    }

    private void clearStatus() {
        if (terminal && statusShown) {
            err.print("\r\033[K");
            statusShown = false;
        }
    }

    private void showStatus(ExecutionState state) {
        if (!terminal || state.status().isTerminal()) {
            err.flush();
            return;
        }
        long secs = Duration.between(started, Instant.now()).toSeconds();
        err.print(dim("… " + entered + " entered, " + exited + " left, " + secs + "s"
                + (waitingOn == null ? "" : ", at '" + waitingOn + "'")));
        statusShown = true;
        err.flush();
    }

    /** Redraws the status line (called periodically while the run waits). */
    synchronized void tick(ExecutionState state) {
        if (terminal) {
            clearStatus();
            showStatus(state);
        }
    }

    synchronized void finish() {
        clearStatus();
        if (lines > DETAILED_LINES) {
            err.println(dim("  " + entered + " states entered, " + exited + " left"));
        }
        err.flush();
    }

    private String color(String code, String s) {
        return terminal ? "\033[" + code + "m" + s + "\033[0m" : s;
    }

    private String dim(String s) {
        return terminal ? "\033[2m" + s + "\033[0m" : s;
    }
}
