package io.conflux.functions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the functions extension runs its runtimes. Validated when built, then fixed.
 *
 * @param dataDir where function code, unpacked runtimes and logs live; null keeps them in a temporary folder that is
 *     deleted when the server stops (tests, {@code --memory})
 * @param clock the time idle runtimes are reaped by (tests pass a manual clock); durations of invocations are always
 *     measured on the monotonic clock
 * @param defaultConcurrency the concurrency limit of a function without reserved concurrency (Lambda's unreserved
 *     account concurrency, scaled to one machine)
 * @param reapInterval how often idle runtimes past their TTL are looked for
 * @param initTimeout how long a runtime may take to start before its first invocation fails (Lambda: 10 s)
 * @param memory how memory limits are enforced
 * @param python the Python 3 interpreter for {@code python3.x} runtimes
 * @param node the Node.js executable for {@code nodejs*} runtimes
 * @param java the {@code java} executable for {@code java*} runtimes (default: the one running Conflux)
 * @param logLinesPerFunction log lines kept in memory per function for {@code conflux logs}
 */
public record FunctionsConfig(
        Path dataDir,
        Clock clock,
        int defaultConcurrency,
        Duration reapInterval,
        Duration initTimeout,
        MemoryEnforcement memory,
        String python,
        String node,
        String java,
        int logLinesPerFunction) {

    /** How a function's memory limit is enforced. */
    public enum MemoryEnforcement {
        /** A memory cgroup per runtime where this process may create them, else sampling. */
        AUTO,
        /** A memory cgroup per runtime (v2 or v1); fails at start when none can be created. */
        CGROUP,
        /** The runtime's resident memory is sampled; a runtime over its limit is killed. */
        SAMPLING,
        /** No limit (Java runtimes still get their heap limit); memory use is still reported. */
        OFF
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FunctionsConfig}. */
    public static final class Builder {
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private int defaultConcurrency = 64;
        private Duration reapInterval = Duration.ofSeconds(5);
        private Duration initTimeout = Duration.ofSeconds(10);
        private MemoryEnforcement memory = MemoryEnforcement.AUTO;
        private String python = "python3";
        private String node = "node";
        private String java = ProcessHandle.current().info().command().orElse("java");
        private int logLinesPerFunction = 20_000;

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder defaultConcurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Expected a default concurrency of at least 1, but got " + n);
            }
            this.defaultConcurrency = n;
            return this;
        }

        public Builder reapInterval(Duration d) {
            this.reapInterval = positive(d, "reap interval");
            return this;
        }

        public Builder initTimeout(Duration d) {
            this.initTimeout = positive(d, "init timeout");
            return this;
        }

        public Builder memory(MemoryEnforcement m) {
            this.memory = Objects.requireNonNull(m, "memory");
            return this;
        }

        public Builder python(String exe) {
            this.python = Objects.requireNonNull(exe, "python");
            return this;
        }

        public Builder node(String exe) {
            this.node = Objects.requireNonNull(exe, "node");
            return this;
        }

        public Builder java(String exe) {
            this.java = Objects.requireNonNull(exe, "java");
            return this;
        }

        public Builder logLinesPerFunction(int n) {
            if (n < 100) {
                throw new IllegalArgumentException("Expected at least 100 log lines per function, but got " + n);
            }
            this.logLinesPerFunction = n;
            return this;
        }

        public FunctionsConfig build() {
            return new FunctionsConfig(dataDir, clock, defaultConcurrency, reapInterval, initTimeout, memory, python,
                    node, java, logLinesPerFunction);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Expected a positive " + what + ", but got " + d);
            }
            return d;
        }
    }
}
