package io.conflux.engine.runtime;

import java.time.Instant;

/** Where the engine keeps the timers of its executions, and fires them when due. */
public interface Timers extends AutoCloseable {

    /** What the timer service calls when a timer is due. */
    @FunctionalInterface
    interface Sink {
        void fire(String executionArn, String timerId);
    }

    void start(Sink sink);

    void schedule(String executionArn, String timerId, Instant due);

    void cancel(String executionArn, String timerId);

    /** Fires every timer due at or before the clock's now; returns how many fired. */
    int fireDue();

    @Override
    void close();
}
