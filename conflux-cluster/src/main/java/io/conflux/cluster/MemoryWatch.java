package io.conflux.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the memory limit of local processes: samples the resident memory of each watched process and its
 * descendants (Linux {@code /proc}) and calls back when a process tree goes over its limit, as a container runtime
 * kills a container that exceeds its memory. Address-space limits ({@code ulimit -v}) would break runtimes that
 * reserve more than they use, hence the sampling.
 */
final class MemoryWatch {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);
    private static final long PAGE = 4096;
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    private record Watched(ProcessHandle process, long limitBytes, Runnable exceeded) {}

    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();

    MemoryWatch(ScheduledExecutorService timer, long periodMillis) {
        if (PROC) {
            timer.scheduleWithFixedDelay(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } else {
            LOG.info("No /proc here: memory limits of local jobs are not enforced");
        }
    }

    void watch(ProcessHandle p, long limitBytes, Runnable exceeded) {
        if (limitBytes > 0 && PROC) {
            watched.put(p.pid(), new Watched(p, limitBytes, exceeded));
        }
    }

    void forget(ProcessHandle p) {
        watched.remove(p.pid());
    }

    private void sample() {
        try {
            for (Watched w : watched.values()) {
                long rss = rss(w.process()) + w.process().descendants().mapToLong(MemoryWatch::rss).sum();
                if (rss > w.limitBytes() && watched.remove(w.process().pid()) != null) {
                    w.exceeded().run();
                }
            }
        } catch (RuntimeException e) {
            // A watch that dies silently lets every later job use unlimited memory: log and keep sampling.
            LOG.warn("Memory sampling failed", e);
        }
    }

    private static long rss(ProcessHandle p) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(p.pid()), "statm"))) {
            String[] f = lines.findFirst().orElse("0 0").split(" ");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0; // ended between listing and reading
        }
    }
}
