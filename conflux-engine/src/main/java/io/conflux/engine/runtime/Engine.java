package io.conflux.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.Command;
import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.Interpreter;
import io.conflux.engine.interpreter.Tokens;
import io.conflux.engine.interpreter.Transition;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions in this process: feeds events to the {@link Interpreter}, commits each step to the
 * {@link ExecutionStore}, then carries out its commands (tasks on processing nodes, timers).
 *
 * <p>Each execution is an actor: its events queue in a mailbox and one worker at a time applies them, so the
 * interpreter never sees two events of one execution at once, while different executions run in parallel (on virtual
 * threads by default). In manual mode nothing runs until the caller drains it, and time moves only with the
 * {@link ManualClock}: tests step executions by hand.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Interpreter interpreter;
    private final Clock clock;
    private final Timers timers;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ManualExecutor manual;
    private final ExecutionStore store;
    private final List<ProcessingNode> nodes;
    private final List<EngineListener> listeners;
    private final Map<String, Actor> actors = new ConcurrentHashMap<>();

    /** One execution's mailbox. */
    private final class Actor implements Runnable {
        final ExecutionState state;
        final ConcurrentLinkedQueue<Event> inbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final CompletableFuture<ExecutionState> done = new CompletableFuture<>();

        Actor(ExecutionState state) {
            this.state = state;
        }

        void deliver(Event e) {
            inbox.add(e);
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Event e;
                while ((e = inbox.poll()) != null) {
                    apply(e);
                }
                scheduled.set(false);
                // An event may have arrived after the last poll but before the flag was cleared.
                if (inbox.isEmpty() || !scheduled.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void apply(Event e) {
            Transition t;
            try {
                t = interpreter.step(state, e);
                store.commit(state, t);
            } catch (RuntimeException ex) {
                // A bug, not a user error: keep the execution's other events flowing and make it visible.
                LOG.error("Step of {} failed on {}", state.info().executionArn(), e, ex);
                return;
            }
            for (EngineListener l : listeners) {
                try {
                    l.committed(state, t);
                } catch (RuntimeException ex) {
                    LOG.warn("Listener failed", ex);
                }
            }
            for (Command c : t.commands()) {
                carryOut(this, c);
            }
        }
    }

    private Engine(Builder b) {
        this.interpreter = new Interpreter(b.config);
        this.clock = b.clock;
        this.store = b.store;
        this.nodes = List.copyOf(b.nodes);
        this.listeners = List.copyOf(b.listeners);
        if (b.manual) {
            this.manual = new ManualExecutor();
            this.executor = manual;
            this.ownedExecutor = null;
            this.timers = new ClockTimers(clock, false);
        } else {
            this.manual = null;
            this.ownedExecutor = Executors.newVirtualThreadPerTaskExecutor();
            this.executor = ownedExecutor;
            this.timers = new ClockTimers(clock, true);
        }
        timers.start((arn, id) -> deliver(arn, new Event.TimerFired(clock.instant(), id)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    public ExecutionStore store() {
        return store;
    }

    /**
     * Starts an execution.
     *
     * @throws IllegalStateException when an execution with the same ARN exists
     */
    public String start(StateMachine machine, ExecutionInfo info, JsonNode input) {
        ExecutionState state = ExecutionState.create(info, machine, input, clock.instant(), UUID.randomUUID().toString());
        if (!store.create(state)) {
            throw new IllegalStateException("Expected a new execution name, but '" + info.executionArn()
                    + "' exists already");
        }
        Actor actor = new Actor(state);
        actors.put(info.executionArn(), actor);
        actor.deliver(new Event.Start(state.startTime()));
        return info.executionArn();
    }

    /** Delivers an event to a running execution; returns false when the engine does not run it. */
    public boolean deliver(String executionArn, Event event) {
        Actor a = actors.get(executionArn);
        if (a == null) {
            return false;
        }
        a.deliver(event);
        return true;
    }

    /** What {@link #sendTaskSuccess} and its siblings found. */
    public enum TokenCheck {
        ACCEPTED,
        /** Not a token this engine issued. */
        INVALID,
        /** The token's task is not pending any more (finished, timed out, or its execution ended). */
        NOT_PENDING
    }

    public TokenCheck sendTaskSuccess(String token, JsonNode output) {
        return sendToken(token, new Event.TaskSucceeded(clock.instant(), token, output));
    }

    public TokenCheck sendTaskFailure(String token, String error, String cause) {
        return sendToken(token, new Event.TaskFailed(clock.instant(), token, error, cause));
    }

    public TokenCheck sendTaskHeartbeat(String token) {
        return sendToken(token, new Event.TaskHeartbeat(clock.instant(), token));
    }

    private TokenCheck sendToken(String token, Event e) {
        String arn = Tokens.executionArn(token);
        Actor a = arn == null ? null : actors.get(arn);
        if (a == null) {
            return TokenCheck.INVALID;
        }
        // A racy read, but only a hint: the interpreter decides, and ignores a result for a task no longer pending.
        if (!a.state.pendingTaskTokens().contains(token)) {
            return TokenCheck.NOT_PENDING;
        }
        a.deliver(e);
        return TokenCheck.ACCEPTED;
    }

    /** StopExecution. Returns false when the execution is unknown. */
    public boolean stop(String executionArn, String error, String cause) {
        return deliver(executionArn, new Event.Stop(clock.instant(), error, cause));
    }

    public Optional<ExecutionState> find(String executionArn) {
        return store.find(executionArn);
    }

    public List<HistoryEvent> history(String executionArn) {
        return store.history(executionArn);
    }

    /** Completes when the execution has ended. */
    public CompletableFuture<ExecutionState> completion(String executionArn) {
        Actor a = actors.get(executionArn);
        if (a != null) {
            return a.done;
        }
        Optional<ExecutionState> ended = store.find(executionArn).filter(s -> s.status().isTerminal());
        if (ended.isPresent()) {
            return CompletableFuture.completedFuture(ended.get());
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException(
                "Expected an execution, but found none with ARN " + executionArn));
    }

    /** Waits for the end of an execution (not in manual mode: there, use {@link #runUntilIdle}). */
    public ExecutionState await(String executionArn, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return completion(executionArn).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- manual mode -------------------------------------------------------------------------------------------

    /** Manual mode: runs queued work and due timers until nothing is left to do at the current time. */
    public void runUntilIdle() {
        requireManual();
        do {
            manual.drain();
        } while (timers.fireDue() > 0 || !manual.isIdle());
    }

    /** Manual mode: moves the clock forward, firing timers on the way, in order. */
    public void advance(Duration d) {
        requireManual();
        ManualClock mc = (ManualClock) clock;
        java.time.Instant target = mc.instant().plus(d);
        runUntilIdle();
        java.time.Instant next;
        while ((next = ((ClockTimers) timers).nextDue()) != null && !next.isAfter(target)) {
            if (next.isAfter(mc.instant())) {
                mc.set(next);
            }
            runUntilIdle();
        }
        mc.set(target);
        runUntilIdle();
    }

    /** Manual mode: advances to each next timer until the execution ends or nothing is scheduled. */
    public ExecutionState runToCompletion(String executionArn, Duration limit) {
        requireManual();
        ManualClock mc = (ManualClock) clock;
        java.time.Instant end = mc.instant().plus(limit);
        ExecutionState state = store.find(executionArn).orElseThrow(() -> new IllegalArgumentException(
                "Expected an execution, but found none with ARN " + executionArn));
        runUntilIdle();
        java.time.Instant next;
        while (!state.status().isTerminal() && (next = ((ClockTimers) timers).nextDue()) != null && !next.isAfter(end)) {
            if (next.isAfter(mc.instant())) {
                mc.set(next);
            }
            runUntilIdle();
        }
        return state;
    }

    private void requireManual() {
        if (manual == null) {
            throw new IllegalStateException("Expected an engine built with manual(clock), but this one runs by itself");
        }
        if (!(clock instanceof ManualClock)) {
            throw new IllegalStateException("Expected a ManualClock in manual mode");
        }
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    private void carryOut(Actor actor, Command c) {
        String arn = actor.state.info().executionArn();
        switch (c) {
            case Command.StartTask st -> startTask(actor, st.request());
            case Command.CancelTask ct -> {
                ProcessingNode node = nodeFor(ct.resource());
                if (node != null) {
                    node.cancel(ct.token());
                }
            }
            case Command.StartTimer t -> timers.schedule(arn, t.timerId(), t.due());
            case Command.CancelTimer t -> timers.cancel(arn, t.timerId());
            case Command.Finished f -> {
                // Forget the actor before completing: whoever wakes on completion sees the execution gone from the
                // running ones (a late SendTask* with its token is INVALID, not NOT_PENDING).
                actors.remove(arn);
                actor.done.complete(actor.state);
            }
        }
    }

    private ProcessingNode nodeFor(String resource) {
        for (ProcessingNode n : nodes) {
            if (n.handles(resource)) {
                return n;
            }
        }
        return null;
    }

    private void startTask(Actor actor, TaskRequest r) {
        String token = r.taskToken();
        ProcessingNode node = nodeFor(r.resource());
        if (node == null) {
            actor.deliver(new Event.TaskFailed(clock.instant(), token, "States.TaskFailed",
                    "No processing node runs the resource '" + r.resource() + "'. Register a handler for it, or "
                            + "run the workflow where its integration is available."));
            return;
        }
        TaskCallback callback = new TaskCallback() {
            @Override
            public void started(String workerName) {
                actor.deliver(new Event.TaskStarted(clock.instant(), token, workerName));
            }

            @Override
            public void submitted(JsonNode response) {
                actor.deliver(new Event.TaskSubmitted(clock.instant(), token, response));
            }

            @Override
            public void succeeded(JsonNode output) {
                actor.deliver(new Event.TaskSucceeded(clock.instant(), token, output));
            }

            @Override
            public void failed(String error, String cause) {
                actor.deliver(new Event.TaskFailed(clock.instant(), token, error, cause));
            }

            @Override
            public void heartbeat() {
                actor.deliver(new Event.TaskHeartbeat(clock.instant(), token));
            }
        };
        try {
            node.start(r, callback);
        } catch (RuntimeException e) {
            LOG.warn("Node {} failed to start a task for {}", node, r.resource(), e);
            callback.failed("States.TaskFailed", "The processing node failed to start the task: " + e);
        }
    }

    @Override
    public void close() {
        // Stop the timers first so that nothing new is delivered, then the workers.
        timers.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                ownedExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds an {@link Engine}; validates as it goes. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private boolean manual;
        private ExecutionStore store = new InMemoryStore();
        private Interpreter.Config config = Interpreter.Config.DEFAULT;
        private final List<ProcessingNode> nodes = new ArrayList<>();
        private final List<EngineListener> listeners = new ArrayList<>();

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Nothing runs until {@link #runUntilIdle} or {@link #advance}; time is the given clock's. */
        public Builder manual(ManualClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            this.manual = true;
            return this;
        }

        public Builder store(ExecutionStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        public Builder config(Interpreter.Config c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        public Builder node(ProcessingNode n) {
            nodes.add(Objects.requireNonNull(n, "node"));
            return this;
        }

        public Builder listener(EngineListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        public Engine build() {
            return new Engine(this);
        }
    }
}
