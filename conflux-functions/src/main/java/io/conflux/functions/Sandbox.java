package io.conflux.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a runtime process, its Runtime API endpoint, its memory guard and its logs. Runs one
 * invocation at a time, as Lambda's do. Moves STARTING → IDLE ⇄ BUSY → DEAD; a runtime that times out, runs out of
 * memory or exits is never reused.
 *
 * <p>Races this class settles: an invocation ends exactly once, by whichever comes first of the runtime's response
 * or error, the timeout, and the process's exit ({@link #claim}); a sandbox goes back to its pool only after its
 * invocation's output has been read, so the next invocation's log never gets the previous one's lines.
 */
final class Sandbox {
    enum State { STARTING, IDLE, BUSY, DEAD }

    /** Where a sandbox goes when it is free again, or gone. */
    interface Owner {
        void released(Sandbox s);

        void died(Sandbox s);
    }

    private static final String NEXT = "/2018-06-01/runtime/invocation/next";
    private static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    private static final Invocation POISON = new Invocation("", new byte[0], "", null, null, null, false);

    final String id;
    final FunctionSpec spec;
    final boolean provisioned;
    private final Path code;
    private final List<String> command;
    private final Map<String, String> env;
    private final MemoryGuard guard;
    private final LogStore logs;
    private final Owner owner;
    private final ScheduledExecutorService timers;
    private final BlockingQueue<Invocation> slot = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private RuntimeEndpoint endpoint;
    private Process process;
    private final Path outputFile;
    private OutputFile output;
    private State state = State.STARTING;
    private Invocation current;
    /** The invocation whose output is being read to its end after it ended (its lines still belong to it). */
    private Invocation ending;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> poll;
    private long initNanos = -1;
    private volatile byte[] initError;
    private volatile Instant idleSince;
    private int invocations;

    Sandbox(String id, FunctionSpec spec, boolean provisioned, Path code, List<String> command,
            Map<String, String> env, MemoryGuard guard, LogStore logs, Owner owner, ScheduledExecutorService timers,
            Path outputFile) {
        this.id = id;
        this.outputFile = outputFile;
        this.spec = spec;
        this.provisioned = provisioned;
        this.code = code;
        this.command = command;
        this.env = new LinkedHashMap<>(env);
        this.guard = guard;
        this.logs = logs;
        this.owner = owner;
        this.timers = timers;
    }

    /** Thrown by {@link #start} when the runtime does not get ready: {@link #payload} is what the caller gets. */
    static final class InitFailure extends Exception {
        final byte[] payload;

        InitFailure(byte[] payload) {
            super(new String(payload, StandardCharsets.UTF_8), null, false, false);
            this.payload = payload;
        }
    }

    /**
     * Starts the runtime and waits until it asks for its first event (its init is done).
     *
     * @param requestId the invocation waiting for this cold start, for error messages ("" when pre-warming)
     */
    void start(String requestId, long initTimeoutMillis) throws InitFailure, InterruptedException {
        long t0 = System.nanoTime();
        try {
            endpoint = new RuntimeEndpoint(this::handle, id);
            env.put("AWS_LAMBDA_RUNTIME_API", endpoint.address());
            output = new OutputFile(outputFile, this::printed);
            ProcessBuilder pb = new ProcessBuilder(guard.wrap(command)).directory(code.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
            pb.environment().clear();
            pb.environment().putAll(env);
            log(null, "INIT_START Runtime Version: conflux:" + spec.runtime() + "\tRuntime Version ARN: "
                    + "arn:aws:lambda:::runtime:conflux-" + spec.runtime());
            process = pb.start();
        } catch (IOException e) {
            fail();
            throw new InitFailure(error("Runtime.InvalidEntrypoint", "RequestId: " + requestId
                    + " Error: Couldn't start the runtime: " + e.getMessage()));
        }
        guard.started(process);
        poll = timers.scheduleWithFixedDelay(output::read, 50, 50, TimeUnit.MILLISECONDS);
        process.onExit().thenRun(this::exited);
        try {
            ready.get(initTimeoutMillis, TimeUnit.MILLISECONDS);
            initNanos = System.nanoTime() - t0;
        } catch (ExecutionException e) {
            fail();
            throw (InitFailure) e.getCause();
        } catch (TimeoutException e) {
            log(null, "INIT_REPORT Init Duration: " + ms(System.nanoTime() - t0) + " ms\tPhase: init\tStatus: timeout");
            fail();
            throw new InitFailure(error("Runtime.Unknown", "RequestId: " + requestId + " Error: Runtime did not "
                    + "get ready within " + (initTimeoutMillis / 1000) + " seconds"));
        }
        synchronized (this) {
            if (state == State.STARTING) {
                state = State.IDLE;
                idleSince = null;
            }
        }
    }

    /**
     * Hands the runtime an invocation; its {@link Invocation#done} completes when it has ended, however it ended.
     *
     * @return false when the runtime died since it was last idle (the caller takes another)
     */
    boolean invoke(Invocation inv) {
        synchronized (this) {
            if (state != State.IDLE) {
                return false;
            }
            state = State.BUSY;
            current = inv;
            invocations++;
            // Lambda reports the init of an on-demand environment with its first invocation only.
            inv.initNanos = !provisioned && invocations == 1 ? initNanos : -1;
        }
        inv.started = System.nanoTime();
        inv.sandbox = id;
        guard.resetPeak();
        log(inv, "START RequestId: " + inv.requestId + " Version: $LATEST");
        timeout = timers.schedule(() -> Thread.ofVirtual().start(() -> timedOut(inv)), spec.timeoutSeconds(),
                TimeUnit.SECONDS);
        slot.add(inv);
        return true;
    }

    private RuntimeEndpoint.Response handle(RuntimeEndpoint.Request r) throws InterruptedException {
        String path = r.path();
        if (path.equals(NEXT) && r.method().equals("GET")) {
            ready.complete(null);
            Invocation inv = slot.take();
            if (inv == POISON) {
                slot.add(POISON);
                return RuntimeEndpoint.Response.json(410, "{\"errorMessage\":\"The environment is shutting "
                        + "down\",\"errorType\":\"Runtime.Shutdown\"}");
            }
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/json");
            h.put("Lambda-Runtime-Aws-Request-Id", inv.requestId);
            h.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis()
                    + spec.timeoutSeconds() * 1000L - (System.nanoTime() - inv.started) / 1_000_000));
            h.put("Lambda-Runtime-Invoked-Function-Arn", inv.invokedArn);
            h.put("Lambda-Runtime-Trace-Id", inv.traceId);
            if (inv.clientContext != null) {
                h.put("Lambda-Runtime-Client-Context", inv.clientContext);
            }
            return new RuntimeEndpoint.Response(200, h, inv.payload);
        }
        if (path.startsWith(INVOCATION) && r.method().equals("POST")) {
            String rest = path.substring(INVOCATION.length());
            int slash = rest.indexOf('/');
            String requestId = slash < 0 ? rest : rest.substring(0, slash);
            String what = slash < 0 ? "" : rest.substring(slash + 1);
            Invocation inv = currentIf(requestId);
            if (inv == null || !(what.equals("response") || what.equals("error"))) {
                return RuntimeEndpoint.Response.json(400, "{\"errorMessage\":\"Invalid request ID\","
                        + "\"errorType\":\"InvalidRequestID\"}");
            }
            Invocation.Outcome o = r.tooLarge()
                    ? Invocation.Outcome.error(error("Function.ResponseSizeTooLarge", "Response payload size exceeded "
                            + "maximum allowed payload size (" + (RuntimeEndpoint.MAX_BODY - 1024) + " bytes)."))
                    : what.equals("response") ? Invocation.Outcome.ok(r.body())
                    : Invocation.Outcome.error(errorBody(r));
            Thread.ofVirtual().start(() -> finish(inv, o));
            return RuntimeEndpoint.Response.json(202, "{\"status\":\"OK\"}");
        }
        if (path.equals(INIT_ERROR) && r.method().equals("POST")) {
            byte[] body = errorBody(r);
            initError = body;
            ready.completeExceptionally(new InitFailure(body));
            return RuntimeEndpoint.Response.json(202, "{\"status\":\"OK\"}");
        }
        return RuntimeEndpoint.Response.json(404, "{\"errorMessage\":\"Conflux does not serve " + r.method() + " "
                + path.replace("\"", "") + "\",\"errorType\":\"NotFound\"}");
    }

    /** What a runtime posted as an error; when it posted nothing usable, an error in Lambda's shape from its type. */
    private static byte[] errorBody(RuntimeEndpoint.Request r) {
        byte[] b = r.body();
        if (b.length > 0) {
            try {
                Json.parse(new String(b, StandardCharsets.UTF_8));
                return b;
            } catch (IOException notJson) {
                // fall through
            }
        }
        String type = r.header("Lambda-Runtime-Function-Error-Type");
        return error(type == null ? "Runtime.Unknown" : type, "Unknown application error occurred");
    }

    private synchronized Invocation currentIf(String requestId) {
        return current != null && current.requestId.equals(requestId) ? current : null;
    }

    /** Takes the invocation from the sandbox if it is still running: only one of the endings wins. */
    private synchronized boolean claim(Invocation inv) {
        if (current != inv) {
            return false;
        }
        current = null;
        ending = inv;
        return true;
    }

    private void finish(Invocation inv, Invocation.Outcome o) {
        if (!claim(inv)) {
            return;
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        long duration = System.nanoTime() - inv.started;
        drain();
        endLines(inv, duration, null);
        boolean back;
        synchronized (this) {
            back = state == State.BUSY;
            if (back) {
                state = State.IDLE;
            }
        }
        if (back) {
            owner.released(this);
        }
        inv.done.complete(o.timed(duration, inv.initNanos, inv.tail()));
    }

    private void timedOut(Invocation inv) {
        if (!claim(inv)) {
            return;
        }
        long duration = System.nanoTime() - inv.started;
        synchronized (this) {
            state = State.DEAD;
        }
        kill();
        drain();
        String seconds = String.format(Locale.ROOT, "%.2f", (double) spec.timeoutSeconds());
        log(inv, Instant.now() + " " + inv.requestId + " Task timed out after " + seconds + " seconds");
        endLines(inv, duration, "timeout");
        owner.died(this);
        inv.done.complete(Invocation.Outcome.error(error("Sandbox.Timedout", "RequestId: " + inv.requestId
                + " Error: Task timed out after " + seconds + " seconds")).timed(duration, inv.initNanos, inv.tail()));
    }

    private void exited() {
        int code = process.exitValue();
        boolean memory = guard.killedForMemory();
        Invocation inv;
        State was;
        synchronized (this) {
            was = state;
            inv = current;
            current = null;
            ending = inv;
            state = State.DEAD;
        }
        if (was == State.STARTING) {
            byte[] posted = initError;
            ready.completeExceptionally(new InitFailure(posted != null ? posted : exitPayload("", code, memory)));
        }
        if (inv != null) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            long duration = System.nanoTime() - inv.started;
            drain();
            String status = memory ? "error\tError Type: Runtime.OutOfMemory" : "error\tError Type: Runtime.ExitError";
            log(inv, "RequestId: " + inv.requestId + " Error: Runtime exited with error: " + exitText(code)
                    + (memory ? "\nRuntime.OutOfMemory" : "\nRuntime.ExitError"));
            endLines(inv, duration, status);
            inv.done.complete(Invocation.Outcome.error(exitPayload(inv.requestId, code, memory))
                    .timed(duration, inv.initNanos, inv.tail()));
        }
        cleanUp();
        if (was != State.DEAD) {
            owner.died(this);
        }
    }

    private static byte[] exitPayload(String requestId, int code, boolean memory) {
        return error(memory ? "Runtime.OutOfMemory" : "Runtime.ExitError", "RequestId: " + requestId
                + " Error: Runtime exited with error: " + exitText(code));
    }

    /** How Lambda words a runtime's exit: Java reports a signal as 128 + its number. */
    private static String exitText(int code) {
        if (code > 128 && code < 160) {
            String signal = switch (code - 128) {
                case 9 -> "killed";
                case 15 -> "terminated";
                case 11 -> "segmentation fault";
                case 6 -> "aborted";
                case 2 -> "interrupt";
                default -> Integer.toString(code - 128);
            };
            return "signal: " + signal;
        }
        return "exit status " + code;
    }

    static byte[] error(String type, String message) {
        ObjectNode o = Json.object();
        o.put("errorType", type);
        o.put("errorMessage", message);
        return Json.write(o).getBytes(StandardCharsets.UTF_8);
    }

    private void endLines(Invocation inv, long durationNanos, String status) {
        log(inv, "END RequestId: " + inv.requestId);
        long init = inv.initNanos;
        long billed = Math.max(1, (long) Math.ceil(durationNanos / 1_000_000.0));
        StringBuilder sb = new StringBuilder("REPORT RequestId: ").append(inv.requestId)
                .append("\tDuration: ").append(ms(durationNanos)).append(" ms")
                .append("\tBilled Duration: ").append(billed).append(" ms")
                .append("\tMemory Size: ").append(spec.memoryMb()).append(" MB")
                .append("\tMax Memory Used: ").append(Math.max(1, (guard.peakBytes() + 524_287) / 1_048_576))
                .append(" MB");
        if (init >= 0) {
            sb.append("\tInit Duration: ").append(ms(init)).append(" ms");
        }
        if (status != null) {
            sb.append("\tStatus: ").append(status);
        }
        log(inv, sb.toString());
        synchronized (this) {
            if (ending == inv) {
                ending = null;
            }
        }
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0);
    }

    private void drain() {
        if (output != null) {
            output.drain();
        }
    }

    private void printed(String line) {
        Invocation inv;
        synchronized (this) {
            inv = current != null ? current : ending;
        }
        log(inv, line);
    }

    private void log(Invocation inv, String message) {
        if (inv == null) {
            logs.append(spec.name(), null, null, null, id, message);
            return;
        }
        logs.append(spec.name(), inv.requestId, inv.executionArn, inv.stateName, id, message);
        inv.logged(message);
    }

    /** Stops the runtime at once (reaped, replaced by new code, or the server stops). */
    void kill() {
        synchronized (this) {
            state = State.DEAD;
        }
        slot.add(POISON);
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        } else {
            cleanUp();
        }
    }

    private void fail() {
        synchronized (this) {
            state = State.DEAD;
        }
        kill();
    }

    private void cleanUp() {
        if (poll != null) {
            poll.cancel(false);
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (output != null) {
            output.close();
        }
        guard.close();
    }

    synchronized State state() {
        return state;
    }

    /** When it last finished an invocation (null while it has run none since it started). */
    Instant idleSince() {
        return idleSince;
    }

    void idleSince(Instant t) {
        idleSince = t;
    }

}
