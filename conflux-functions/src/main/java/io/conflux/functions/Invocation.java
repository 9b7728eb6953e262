package io.conflux.functions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One invocation of a function, from the moment a caller asks until its runtime answers (or times out, or dies).
 *
 * @see Sandbox#invoke
 */
final class Invocation {
    /** Lambda returns the last 4 KB of an invocation's log with {@code LogType: Tail}. */
    static final int TAIL_BYTES = 4096;

    final String requestId;
    final byte[] payload;
    final String invokedArn;
    final String clientContext;
    final String executionArn;
    final String stateName;
    final String traceId;
    final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final List<String> tail;
    volatile long started;
    volatile long initNanos = -1;
    volatile String sandbox;
    volatile boolean coldStart;

    Invocation(String requestId, byte[] payload, String invokedArn, String clientContext, String executionArn,
            String stateName, boolean wantsTail) {
        this.requestId = requestId;
        this.payload = payload;
        this.invokedArn = invokedArn;
        this.clientContext = clientContext;
        this.executionArn = executionArn;
        this.stateName = stateName;
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        this.traceId = String.format("Root=1-%08x-%024x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000,
                new java.math.BigInteger(96, r), r.nextLong());
        this.tail = wantsTail ? new ArrayList<>() : null;
    }

    void logged(String line) {
        if (tail != null) {
            synchronized (tail) {
                tail.add(line);
            }
        }
    }

    /** The end of this invocation's log, base64, as Lambda's {@code X-Amz-Log-Result}; null unless asked for. */
    String tail() {
        if (tail == null) {
            return null;
        }
        String all;
        synchronized (tail) {
            all = String.join("\n", tail) + "\n";
        }
        byte[] b = all.getBytes(StandardCharsets.UTF_8);
        if (b.length > TAIL_BYTES) {
            byte[] last = new byte[TAIL_BYTES];
            System.arraycopy(b, b.length - TAIL_BYTES, last, 0, TAIL_BYTES);
            b = last;
        }
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * How an invocation ended.
     *
     * @param payload what the function returned, or the error in Lambda's shape
     * @param functionError whether it failed ({@code X-Amz-Function-Error: Unhandled})
     * @param durationNanos how long the runtime took, from the event handed over to the answer
     * @param initNanos the cold start's init duration, or -1 when the runtime was warm
     * @param logTail the log tail when asked for, else null
     */
    record Outcome(byte[] payload, boolean functionError, long durationNanos, long initNanos, String logTail) {
        static Outcome ok(byte[] payload) {
            return new Outcome(payload, false, 0, -1, null);
        }

        static Outcome error(byte[] payload) {
            return new Outcome(payload, true, 0, -1, null);
        }

        Outcome timed(long duration, long init, String tail) {
            return new Outcome(payload, functionError, duration, init, tail);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }
}
