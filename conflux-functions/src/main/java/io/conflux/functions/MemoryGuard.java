package io.conflux.functions;

import java.util.List;

/**
 * Holds one runtime process to its function's memory limit and tells how much it used. Lambda runs each execution
 * environment in a memory cgroup and the kernel kills a runtime that goes over; here a cgroup is used where this
 * process may create one, else the runtime's resident memory is sampled and a runtime over its limit is killed
 * (which can let a fast allocation overshoot for a few milliseconds).
 */
interface MemoryGuard extends AutoCloseable {

    /** The command to run instead of {@code command} (a cgroup is joined before the runtime starts). */
    List<String> wrap(List<String> command);

    /** The runtime has started. */
    void started(Process process);

    /** An invocation starts: from now on {@link #peakBytes} is this invocation's. */
    void resetPeak();

    /** The most memory the runtime used since {@link #resetPeak}. */
    long peakBytes();

    /** Whether the runtime was killed for going over its limit. */
    boolean killedForMemory();

    @Override
    void close();

    /** No limit; memory use sampled for the REPORT line only. */
    static MemoryGuard unlimited() {
        return new SampledMemory(Long.MAX_VALUE);
    }
}
