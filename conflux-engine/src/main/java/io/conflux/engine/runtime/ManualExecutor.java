package io.conflux.engine.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until {@link #drain} is called, on the caller's thread: deterministic tests. */
public final class ManualExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued work, and work it queues, until none is left. Returns how many ran. */
    public int drain() {
        int n = 0;
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    public boolean isIdle() {
        return queue.isEmpty();
    }
}
