package io.conflux.functions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The warm pool of one function. An invocation takes the most recently used idle runtime (the warmest); when none
 * is idle it starts one (a cold start) as long as the function runs fewer invocations than its concurrency limit,
 * and is throttled beyond it, as Lambda throttles. Provisioned runtimes are started ahead of any invocation and
 * kept; others are stopped once idle for longer than the function's idle TTL.
 */
final class Pool implements Sandbox.Owner {

    /** Starts a runtime for a spec (the functions service knows the code, the runtimes and the limits). */
    interface Factory {
        Sandbox create(FunctionSpec spec, boolean provisioned, Sandbox.Owner owner);
    }

    /** What the pool looks like now, for tests, metrics and ListFunctions' concurrency. */
    record Stats(int idle, int busy, int starting, int coldStarts, int throttles) {
        int alive() {
            return idle + busy + starting;
        }
    }

    private final Factory factory;
    private final Clock clock;
    private final int defaultLimit;
    private final long initTimeoutMillis;
    private final Deque<Sandbox> idle = new ArrayDeque<>();
    private final Set<Sandbox> busy = new HashSet<>();
    private final Set<Sandbox> warming = new HashSet<>();
    private FunctionSpec spec;
    private int starting;
    private int coldStarts;
    private int throttles;
    private boolean closed;

    Pool(FunctionSpec spec, Factory factory, Clock clock, int defaultLimit, long initTimeoutMillis) {
        this.spec = spec;
        this.factory = factory;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.initTimeoutMillis = initTimeoutMillis;
    }

    synchronized FunctionSpec spec() {
        return spec;
    }

    private int limit() {
        return spec.reservedConcurrency() != null ? spec.reservedConcurrency() : defaultLimit;
    }

    /**
     * Runs one invocation on a warm runtime or a new one and waits for its end.
     *
     * @throws LambdaException TooManyRequestsException when the function is at its concurrency limit
     */
    Invocation.Outcome invoke(Invocation inv) throws InterruptedException {
        while (true) {
            Invocation.Outcome o = attempt(inv);
            if (o != null) {
                return o;
            }
            // The idle runtime taken had just died (its exit not yet seen): take another, as Lambda would.
        }
    }

    private Invocation.Outcome attempt(Invocation inv) throws InterruptedException {
        Sandbox s;
        FunctionSpec cold;
        synchronized (this) {
            if (closed) {
                throw LambdaException.service("The function is being deleted or the server is stopping");
            }
            s = idle.pollFirst();
            if (s != null) {
                busy.add(s);
                cold = null;
            } else if (busy.size() + starting >= limit()) {
                throttles++;
                throw LambdaException.throttled(spec.reservedConcurrency() != null);
            } else {
                starting++;
                coldStarts++;
                cold = spec;
            }
        }
        if (cold != null) {
            s = factory.create(cold, false, this);
            try {
                s.start(inv.requestId, initTimeoutMillis);
            } catch (Sandbox.InitFailure f) {
                synchronized (this) {
                    starting--;
                }
                return Invocation.Outcome.error(f.payload);
            } catch (InterruptedException e) {
                synchronized (this) {
                    starting--;
                }
                s.kill();
                throw e;
            }
            synchronized (this) {
                starting--;
                busy.add(s);
            }
            inv.coldStart = true;
        }
        if (!s.invoke(inv)) {
            synchronized (this) {
                busy.remove(s);
            }
            return null;
        }
        try {
            return inv.done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("An invocation never fails its future", e.getCause());
        }
    }

    @Override
    public void released(Sandbox s) {
        boolean keep;
        synchronized (this) {
            busy.remove(s);
            keep = !closed && spec.sameProcess(s.spec) && s.state() == Sandbox.State.IDLE;
            if (keep) {
                s.idleSince(clock.instant());
                idle.addFirst(s);
            }
        }
        if (!keep) {
            s.kill();
        }
    }

    @Override
    public void died(Sandbox s) {
        boolean refill;
        synchronized (this) {
            idle.remove(s);
            busy.remove(s);
            refill = s.provisioned && !closed;
        }
        if (refill) {
            provision();
        }
    }

    /** Starts provisioned runtimes until the function has as many as it asks for (in the background). */
    void provision() {
        List<Sandbox> toStart = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            long have = warming.size() + idle.stream().filter(x -> x.provisioned).count()
                    + busy.stream().filter(x -> x.provisioned).count();
            for (long i = have; i < spec.provisioned(); i++) {
                Sandbox s = factory.create(spec, true, this);
                warming.add(s);
                toStart.add(s);
            }
        }
        for (Sandbox s : toStart) {
            Thread.ofVirtual().name("provision-" + s.id).start(() -> warm(s));
        }
    }

    private void warm(Sandbox s) {
        try {
            s.start("", initTimeoutMillis);
        } catch (Sandbox.InitFailure | InterruptedException e) {
            synchronized (this) {
                warming.remove(s);
            }
            return; // the log has the runtime's own error; the next provision() tries again
        }
        boolean keep;
        synchronized (this) {
            warming.remove(s);
            keep = !closed && spec.sameProcess(s.spec);
            if (keep) {
                s.idleSince(clock.instant());
                idle.addLast(s); // warm but never used: behind the ones that ran recently
            }
        }
        if (!keep) {
            s.kill();
        }
    }

    /** Stops on-demand runtimes idle since before {@code now - idleTtl}; provisioned ones stay. */
    int reap(Instant now) {
        List<Sandbox> dead = new ArrayList<>();
        synchronized (this) {
            for (Sandbox s : idle) {
                Instant since = s.idleSince();
                if (!s.provisioned && since != null && !since.plus(spec.idleTtl()).isAfter(now)) {
                    dead.add(s);
                }
            }
            idle.removeAll(dead);
        }
        dead.forEach(Sandbox::kill);
        return dead.size();
    }

    /**
     * A new spec: runtimes of the old one that cannot serve it are stopped (idle ones now, busy ones when their
     * invocation ends); provisioned runtimes are brought to the new count.
     */
    void update(FunctionSpec next) {
        List<Sandbox> stale = new ArrayList<>();
        synchronized (this) {
            this.spec = next;
            for (Sandbox s : idle) {
                if (!next.sameProcess(s.spec) || (s.provisioned && surplusProvisioned(next))) {
                    stale.add(s);
                }
            }
            idle.removeAll(stale);
        }
        stale.forEach(Sandbox::kill);
        provision();
    }

    private boolean surplusProvisioned(FunctionSpec next) {
        return idle.stream().filter(x -> x.provisioned).count() > next.provisioned();
    }

    synchronized Stats stats() {
        return new Stats(idle.size(), busy.size(), starting + warming.size(), coldStarts, throttles);
    }

    /** Stops every runtime; invocations still running end as their runtime exits. */
    void close() {
        List<Sandbox> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            all.addAll(idle);
            all.addAll(busy);
            all.addAll(warming);
            idle.clear();
        }
        all.forEach(Sandbox::kill);
    }
}
