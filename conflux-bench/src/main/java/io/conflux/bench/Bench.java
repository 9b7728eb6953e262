package io.conflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.interpreter.Interpreter;
import io.conflux.engine.interpreter.Limits;
import io.conflux.engine.interpreter.Transition;
import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.engine.nodes.TaskFailure;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import io.conflux.engine.store.ExecutionRecord;
import io.conflux.engine.store.InMemoryStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conflux's benchmarks. Prints one JSON line per figure on stdout (the peers' format), progress on stderr.
 *
 * <pre>
 *   bench [--workloads passchain,passchain-jsonata,map100k,chain10,chain10-h2,chain10-postgres,fanout1000,retry,
 *                      waiting10k,cluster,functions,startup]   (default: all)
 *         [--scale 1.0]
 * </pre>
 *
 * The peers' workloads (chain10, fanout1000, retry, waiting10k) run on the in-memory store with in-process Java
 * handlers for tasks: compare them with the peers' in-memory rows. chain10-h2 and chain10-postgres run chain10 with
 * every step committed to the database.
 */
public final class Bench {
    private static final String PEER = "conflux-0.1.0:memory";
    private final Figures out = new Figures(PEER);
    private final double scale;

    private Bench(double scale) {
        this.scale = scale;
    }

    public static void main(String[] args) throws Exception {
        List<String> workloads = List.of("passchain", "passchain-jsonata", "map100k", "chain10", "chain10-h2",
                "chain10-postgres", "fanout1000", "retry", "waiting10k", "cluster", "functions", "startup");
        double scale = 1.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workloads" -> workloads = Arrays.asList(args[++i].split(","));
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("Expected --workloads or --scale, but got " + args[i]);
            }
        }
        Bench b = new Bench(scale);
        Figures.log("conflux bench on Java %s, %d cpus, max heap %d MiB", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String w : workloads) {
            switch (w) {
                case "passchain" -> b.passChain(false);
                case "passchain-jsonata" -> b.passChain(true);
                case "map100k" -> b.map100k();
                case "chain10" -> b.chain10();
                case "chain10-h2" -> b.chain10Durable("h2");
                case "chain10-postgres" -> b.chain10Durable("postgres");
                case "fanout1000" -> b.fanout1000();
                case "retry" -> b.retry();
                case "waiting10k" -> b.waiting10k();
                case "cluster" -> new ClusterBench(b.scale).run();
                case "functions" -> new FunctionsBench(b.out, scale).run();
                case "startup" -> new StartupBench(b.out, Math.max(3, b.scaled(5))).run();
                default -> throw new IllegalArgumentException("Unknown workload " + w);
            }
        }
    }

    private int scaled(int n) {
        return Math.max(1, (int) Math.round(n * scale));
    }

    // ---- the interpreter alone ---------------------------------------------------------------------------------

    /** State transitions per second of a 100-state Pass chain, stepping the interpreter on this one thread. */
    private void passChain(boolean jsonata) {
        String name = jsonata ? "passchain100-jsonata" : "passchain100";
        StateMachine sm;
        try {
            sm = Definitions.passChain(100, jsonata);
        } catch (IllegalStateException e) {
            Figures.log("%s: skipped (%s)", name, e.getMessage());
            return;
        }
        Interpreter interpreter = new Interpreter();
        JsonNode input = Json.object().put("x", 1);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ExecutionInfo info = ExecutionInfo.local("chain", "e");
        // Warm up, then measure for a fixed time.
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            runOnce(interpreter, sm, info, input, t0);
        }
        long executions = 0;
        long start = System.nanoTime();
        long end = start + (long) (5_000_000_000L * Math.min(1.0, scale));
        while (System.nanoTime() < end) {
            runOnce(interpreter, sm, info, input, t0);
            executions++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double transitions = executions * 100 / secs;
        out.emit(name, "state_transitions_per_s", transitions, "1/s");
        Figures.log("%s: %.0f state transitions/s on one thread (%d executions in %.1f s, history events built)",
                name, transitions, executions, secs);
    }

    private static void runOnce(Interpreter interpreter, StateMachine sm, ExecutionInfo info, JsonNode input,
            Instant t0) {
        ExecutionState s = ExecutionState.create(info, sm, input, t0, "salt");
        Transition t = interpreter.step(s, new Event.Start(t0));
        if (s.status() != ExecutionStatus.SUCCEEDED || t.events().size() != 202) {
            throw new IllegalStateException("Expected the chain to succeed in one step, but " + s.status());
        }
    }

    /** An inline Map over 100,000 items with a Pass iterator: wall time of the whole execution. */
    private void map100k() {
        StateMachine sm = Definitions.passMap();
        int n = 100_000;
        ArrayNode items = Json.array();
        for (int i = 0; i < n; i++) {
            items.add(IntNode.valueOf(i));
        }
        JsonNode input = Json.object().set("items", items);
        // 100,000 items do not fit AWS's 256 KiB payload limit (AWS would need a distributed Map): lift it here.
        Interpreter interpreter = new Interpreter(new Interpreter.Config(Limits.NONE));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        double[] ms = new double[5];
        for (int rep = -2; rep < ms.length; rep++) {
            ExecutionState s = ExecutionState.create(ExecutionInfo.local("map", "e" + rep), sm, input, t0, "salt");
            long start = System.nanoTime();
            Transition t = interpreter.step(s, new Event.Start(t0));
            long took = System.nanoTime() - start;
            if (s.status() != ExecutionStatus.SUCCEEDED || s.output().size() != n) {
                throw new IllegalStateException("Expected the Map to succeed, but " + s.status());
            }
            if (rep >= 0) {
                ms[rep] = took / 1e6;
            } else if (rep == -2) {
                Figures.log("map100k: %d history events per execution", t.events().size());
            }
        }
        out.emit("map100k", "wall_time_median", Figures.median(ms), "ms");
        Figures.log("map100k: median %.0f ms (runs: %s)", Figures.median(ms), Arrays.toString(ms));
    }

    // ---- the engine, with tasks (the peers' workloads) ---------------------------------------------------------

    private static Engine engine(ProcessingNode... nodes) {
        Engine.Builder b = Engine.builder().store(new InMemoryStore(true));
        for (ProcessingNode n : nodes) {
            b.node(n);
        }
        return b.build();
    }

    private static JavaHandlers inc() {
        return new JavaHandlers().register("inc", (in, r) -> IntNode.valueOf(in.asInt() + 1));
    }

    /** W1: 10 sequential tasks per execution, 64 in flight. */
    private void chain10() throws Exception {
        StateMachine sm = Definitions.taskChain(10);
        closedLoopPhase("chain10", sm, scaled(500), false);
        long[] lat = closedLoopPhase("chain10", sm, scaled(2000), true);
        Figures.log("chain10: p50 %.2f ms p99 %.2f ms", Figures.percentileMs(lat, 50), Figures.percentileMs(lat, 99));
    }

    private long[] closedLoopPhase(String workload, StateMachine sm, int n, boolean report) throws Exception {
        try (Engine engine = engine(inc())) {
            long start = System.nanoTime();
            long[] lat = closedLoop(n, 64, i -> {
                String arn = engine.start(sm, ExecutionInfo.local("chain10", "e" + i), IntNode.valueOf(0));
                ExecutionRecord s = engine.await(arn, Duration.ofMinutes(5));
                if (s.status() != ExecutionStatus.SUCCEEDED || s.output().asInt() != 10) {
                    throw new IllegalStateException("Expected 10, but " + s.status() + " " + s.output());
                }
            });
            double secs = (System.nanoTime() - start) / 1e9;
            if (report) {
                out.emit(workload, "executions_per_s", n / secs, "1/s");
                out.emit(workload, "task_transitions_per_s", n * 10 / secs, "1/s");
                out.emit(workload, "latency_p50", Figures.percentileMs(lat, 50), "ms");
                out.emit(workload, "latency_p90", Figures.percentileMs(lat, 90), "ms");
                out.emit(workload, "latency_p99", Figures.percentileMs(lat, 99), "ms");
            }
            return lat;
        }
    }

    /**
     * W1 on a durable store: every step committed (H2 in a temporary folder, or a new PostgreSQL database on
     * 127.0.0.1:5432) before its commands go out.
     */
    private void chain10Durable(String kind) throws Exception {
        StateMachine sm = Definitions.taskChain(10);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("conflux-bench-h2");
        String pgName = "conflux_bench_" + Long.toHexString(System.nanoTime());
        String url = kind.equals("h2") ? null : "jdbc:postgresql://127.0.0.1:5432/" + pgName;
        if (url != null) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
                    null); var st = c.createStatement()) {
                st.execute("CREATE DATABASE " + pgName);
            } catch (java.sql.SQLException e) {
                Figures.log("chain10 on postgres: skipped, no PostgreSQL at 127.0.0.1:5432 (%s)", e.getMessage());
                return;
            }
        }
        Figures figures = new Figures("conflux-0.1.0:" + kind);
        try (io.conflux.store.jdbc.Database db = url == null ? io.conflux.store.jdbc.Database.h2(dir)
                : io.conflux.store.jdbc.Database.open(url, "postgres", null, 16)) {
            // A longer warm-up than the in-memory run's: the JDBC and H2 paths take a few seconds to be compiled.
            for (int phase = 0; phase < 2; phase++) {
                int n = phase == 0 ? scaled(3000) : scaled(8000);
                io.conflux.store.jdbc.JdbcExecutionStore store = new io.conflux.store.jdbc.JdbcExecutionStore(db);
                try (Engine engine = Engine.builder().store(store).node(inc()).build()) {
                    final int p = phase;
                    long start = System.nanoTime();
                    long[] lat = closedLoop(n, 64, i -> {
                        String arn = engine.start(sm, ExecutionInfo.local("chain10", p + "-" + i), IntNode.valueOf(0));
                        ExecutionRecord s = engine.await(arn, Duration.ofMinutes(5));
                        if (s.status() != ExecutionStatus.SUCCEEDED || s.output().asInt() != 10) {
                            throw new IllegalStateException("Expected 10, but " + s.status() + " " + s.output());
                        }
                    });
                    double secs = (System.nanoTime() - start) / 1e9;
                    if (phase == 1) {
                        figures.emit("chain10", "executions_per_s", n / secs, "1/s");
                        figures.emit("chain10", "task_transitions_per_s", n * 10 / secs, "1/s");
                        figures.emit("chain10", "latency_p50", Figures.percentileMs(lat, 50), "ms");
                        figures.emit("chain10", "latency_p90", Figures.percentileMs(lat, 90), "ms");
                        figures.emit("chain10", "latency_p99", Figures.percentileMs(lat, 99), "ms");
                        Figures.log("chain10 on %s: %.0f durable state transitions/s, %.1f executions per commit, "
                                + "%.2f ms per commit, %.1f commits per execution", kind, n * 10 / secs,
                                store.averageGroupSize(), store.averageWriteMillis(), (double) store.commits() / n);
                    }
                }
            }
        } finally {
            if (url != null) {
                try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                        "postgres", null); var st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                }
            }
        }
    }

    /** W2: one execution of 1,000 parallel tasks and a join; median of 5. */
    private void fanout1000() throws Exception {
        StateMachine sm = Definitions.fanOut();
        ArrayNode items = Json.array();
        for (int i = 0; i < 1000; i++) {
            items.add(i);
        }
        JsonNode input = Json.object().set("items", items);
        double[] ms = new double[5];
        try (Engine engine = engine(inc())) {
            for (int rep = -1; rep < ms.length; rep++) {
                long start = System.nanoTime();
                String arn = engine.start(sm, ExecutionInfo.local("fan", "e" + rep), input);
                ExecutionRecord s = engine.await(arn, Duration.ofMinutes(5));
                long took = System.nanoTime() - start;
                long sum = 0;
                for (JsonNode r : s.output()) {
                    sum += r.asLong();
                }
                if (sum != 500_500) {
                    throw new IllegalStateException("Expected the sum 500500, but " + sum);
                }
                if (rep >= 0) {
                    ms[rep] = took / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        out.emit("fanout1000", "wall_time_median", Figures.median(ms), "ms");
        out.emit("fanout1000", "wall_time_min", ms[0], "ms");
        out.emit("fanout1000", "wall_time_max", ms[ms.length - 1], "ms");
    }

    /**
     * W3: a task that fails twice and then succeeds. ASL's smallest retry interval is one second, so this runs on a
     * manual clock that jumps to each retry: it measures the engine's work per retry, not the waiting.
     */
    private void retry() {
        StateMachine sm = Definitions.retry();
        int n = scaled(500);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        JavaHandlers flaky = new JavaHandlers(Runnable::run).register("flaky", (in, r) -> {
            int a = attempts.computeIfAbsent(r.executionArn(), k -> new AtomicInteger()).incrementAndGet();
            if (a <= 2) {
                throw new TaskFailure("Flaky", "attempt " + a);
            }
            return in;
        });
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).node(flaky).build()) {
            for (int phase = 0; phase < 2; phase++) {
                int count = phase == 0 ? scaled(200) : n;
                long start = System.nanoTime();
                List<String> arns = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    arns.add(engine.start(sm, ExecutionInfo.local("retry", phase + "-" + i), IntNode.valueOf(0)));
                }
                engine.advance(Duration.ofSeconds(10));
                for (String arn : arns) {
                    ExecutionRecord s = engine.describe(arn).orElseThrow();
                    if (s.status() != ExecutionStatus.SUCCEEDED || attempts.get(arn).get() != 3) {
                        throw new IllegalStateException("Expected 3 attempts and success, but " + s.status());
                    }
                }
                double secs = (System.nanoTime() - start) / 1e9;
                if (phase == 1) {
                    new Figures(PEER + ":manual-clock").emit("retry", "executions_per_s", count / secs, "1/s");
                }
            }
        }
    }

    /** A node for {@code .waitForTaskToken} tasks that hands each token to the harness. */
    private static final class Callbacks implements ProcessingNode {
        final LinkedBlockingQueue<String> tokens = new LinkedBlockingQueue<>();

        @Override
        public boolean handles(String resource) {
            return resource.endsWith(":callback.waitForTaskToken");
        }

        @Override
        public void start(TaskRequest request, TaskCallback callback) {
            callback.started(null);
            tokens.add(request.taskToken());
        }
    }

    /** W4: 10,000 executions parked on a callback: heap per waiting execution, then completions per second. */
    private void waiting10k() throws Exception {
        StateMachine sm = Definitions.callback();
        waitingPhase(sm, scaled(2000), false);
        waitingPhase(sm, scaled(10_000), true);
    }

    private void waitingPhase(StateMachine sm, int n, boolean report) throws Exception {
        Callbacks callbacks = new Callbacks();
        long before = usedHeapAfterGc();
        try (Engine engine = engine(callbacks)) {
            long start = System.nanoTime();
            List<String> arns = new ArrayList<>(n);
            closedLoop(n, 64, i -> {
                String arn = engine.start(sm, ExecutionInfo.local("wait", "e" + i), IntNode.valueOf(i));
                synchronized (arns) {
                    arns.add(arn);
                }
            });
            List<String> tokens = new ArrayList<>(n);
            while (tokens.size() < n) {
                String t = callbacks.tokens.poll(60, TimeUnit.SECONDS);
                if (t == null) {
                    throw new IllegalStateException("Expected " + n + " parked executions, but " + tokens.size());
                }
                tokens.add(t);
            }
            double parkSecs = (System.nanoTime() - start) / 1e9;
            long after = usedHeapAfterGc();
            long perExecution = (after - before) / n;
            long completeStart = System.nanoTime();
            AtomicLong done = new AtomicLong();
            closedLoop(n, 64, i -> {
                String token = tokens.get(i);
                String arn = io.conflux.engine.interpreter.Tokens.executionArn(token);
                if (engine.sendTaskSuccess(token, IntNode.valueOf(1)) != Engine.TokenCheck.ACCEPTED) {
                    throw new IllegalStateException("Expected the token to be accepted");
                }
                ExecutionRecord s = engine.await(arn, Duration.ofMinutes(1));
                if (s.status() == ExecutionStatus.SUCCEEDED) {
                    done.incrementAndGet();
                }
            });
            double completeSecs = (System.nanoTime() - completeStart) / 1e9;
            if (done.get() != n) {
                throw new IllegalStateException("Expected " + n + " completions, but " + done.get());
            }
            if (report) {
                out.emit("waiting10k", "heap_per_waiting_execution", perExecution, "bytes");
                out.emit("waiting10k", "completions_per_s", n / completeSecs, "1/s");
                out.emit("waiting10k", "starts_to_waiting_per_s", n / parkSecs, "1/s");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Task {
        void run(int index) throws Exception;
    }

    /** {@code concurrency} client threads run {@code task} for indexes 0..n-1; returns latencies in nanoseconds. */
    static long[] closedLoop(int n, int concurrency, Task task) throws Exception {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        long t0 = System.nanoTime();
                        task.run(i);
                        lat[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return lat;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        var mx = ManagementFactory.getMemoryMXBean();
        long prev = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(300);
            used = mx.getHeapMemoryUsage().getUsed();
            if (Math.abs(prev - used) < 512 * 1024) {
                break;
            }
            prev = used;
        }
        return used;
    }
}
