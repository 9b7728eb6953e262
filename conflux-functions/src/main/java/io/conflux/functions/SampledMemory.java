package io.conflux.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a runtime's resident memory (its process and every descendant, from {@code /proc}) and kills it when the
 * total passes the limit. Where {@code /proc} is missing (macOS), memory is neither limited nor measured.
 */
final class SampledMemory implements MemoryGuard {
    private static final long PAGE = 4096;
    private static final long INTERVAL_NANOS = 5_000_000;
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    private final long limit;
    private volatile Process process;
    private volatile long peak;
    private volatile boolean killed;
    private volatile boolean closed;

    SampledMemory(long limitBytes) {
        this.limit = limitBytes;
    }

    @Override
    public List<String> wrap(List<String> command) {
        return command;
    }

    @Override
    public void started(Process p) {
        this.process = p;
        if (PROC) {
            Thread.ofVirtual().name("memory-" + p.pid()).start(this::loop);
        }
    }

    private void loop() {
        while (!closed && process.isAlive()) {
            long rss = rss(process.toHandle());
            if (rss > peak) {
                peak = rss;
            }
            if (rss > limit) {
                killed = true;
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return;
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }

    static long rss(ProcessHandle h) {
        long total = statm(h.pid());
        for (ProcessHandle d : (Iterable<ProcessHandle>) h.descendants()::iterator) {
            total += statm(d.pid());
        }
        return total;
    }

    private static long statm(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "statm"));
            String[] f = s.trim().split(" ");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0; // the process is gone
        }
    }

    @Override
    public void resetPeak() {
        Process p = process;
        peak = p == null || !PROC ? 0 : rss(p.toHandle());
    }

    @Override
    public long peakBytes() {
        Process p = process;
        if (p != null && PROC && p.isAlive()) {
            long now = rss(p.toHandle());
            if (now > peak) {
                peak = now;
            }
        }
        return peak;
    }

    @Override
    public boolean killedForMemory() {
        return killed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
