package io.conflux.engine.spi;

/**
 * Where Task states send their work: functions, cluster jobs, activities, callbacks, HTTP, in-process handlers.
 * One SPI for all of them; the engine picks the first node that {@link #handles} a resource.
 *
 * <p>Implementations must not block in {@link #start}: they hand the work to their own threads (virtual threads for
 * blocking I/O) and report through the callback.
 */
public interface ProcessingNode {

    /** Whether this node runs tasks for {@code resource} (the Resource as written, with any pattern suffix). */
    boolean handles(String resource);

    /** Starts a task. Report its progress and outcome through {@code callback}, from any thread. */
    void start(TaskRequest request, TaskCallback callback);

    /** Stops a task the engine no longer waits for (timed out, branch failed, execution stopped). Best effort. */
    default void cancel(String taskToken) {}

    /**
     * After a restart, a task its execution still waits for. By default a task that had not started is started again
     * and one that had is left alone: its result comes back through its token (an activity worker, a callback).
     * Nodes whose work dies with the process (in-process handlers) start it again regardless.
     */
    default void resume(TaskRequest request, boolean started, TaskCallback callback) {
        if (!started) {
            start(request, callback);
        }
    }
}
