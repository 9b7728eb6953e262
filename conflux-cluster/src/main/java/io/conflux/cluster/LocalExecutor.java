package io.conflux.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs each container as a local process: the job's command (its image is not used), its environment added to the
 * server's, stdout and stderr captured to a file per run, its memory limit enforced by {@link MemoryWatch}. vCPUs
 * are a share of the compute environment's concurrency (the scheduler's business), not a CPU quota.
 */
final class LocalExecutor implements JobExecutor {
    static final String OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";

    private final Path logDir;
    private final Duration killGrace;
    private final ScheduledExecutorService timer;
    private final MemoryWatch memory;

    LocalExecutor(Path logDir, Duration killGrace, ScheduledExecutorService timer, MemoryWatch memory) {
        this.logDir = logDir;
        this.killGrace = killGrace;
        this.timer = timer;
        this.memory = memory;
    }

    Path logFile(String runId) {
        return logDir.resolve(runId.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    }

    @Override
    public Run launch(Launch l, Events events) {
        if (l.command().isEmpty()) {
            events.failedToStart("CannotStartContainerError: the local executor runs a command, and this container "
                    + "has none (an image alone needs the docker or kubernetes executor)");
            return () -> {};
        }
        return start(l.command(), l, events, l.memoryMiB() * 1024L * 1024L);
    }

    /** Starts {@code argv} for a run (the Docker executor starts {@code docker run} this way). */
    Run start(List<String> argv, Launch l, Events events, long memoryLimitBytes) {
        Process p;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(logFile(l.runId()).toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            Path.of("/dev/null").toFile()));
            pb.environment().putAll(l.environment());
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            events.failedToStart("CannotStartContainerError: " + e.getMessage());
            return () -> {};
        }
        events.running();
        AtomicBoolean oom = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        Process process = p;
        memory.watch(p.toHandle(), memoryLimitBytes, () -> {
            oom.set(true);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        p.onExit().thenAccept(done -> {
            memory.forget(done.toHandle());
            events.exited(done.exitValue(), oom.get() ? OOM_REASON : null);
        });
        return () -> {
            if (!stopping.compareAndSet(false, true) || !process.isAlive()) {
                return;
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            timer.schedule(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }, killGrace.toMillis(), TimeUnit.MILLISECONDS);
        };
    }

    @Override
    public String logs(String runId) {
        try {
            Path f = logFile(runId);
            return Files.exists(f) ? Files.readString(f) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
