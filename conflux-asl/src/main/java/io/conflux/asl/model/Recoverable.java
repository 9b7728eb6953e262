package io.conflux.asl.model;

import java.util.List;

/** A state with Retry and Catch: Task, Parallel and Map. */
public interface Recoverable {
    List<Retrier> retry();

    List<Catcher> catchers();
}
