package io.conflux.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
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
import io.conflux.engine.store.ExecutionRecord;
import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.InMemoryStore;
import io.conflux.engine.store.Step;
import io.conflux.engine.store.StoredExecution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Runs executions: feeds events to the {@link Interpreter}, commits each batch of steps to the
 * {@link ExecutionStore}, then carries out the commands they produced (tasks on processing nodes, timers).
 *
 * <p>Each execution is an actor: its events queue in a mailbox and one worker at a time applies them, so the
 * interpreter never sees two events of one execution at once, while different executions run in parallel (on virtual
 * threads by default). A worker applies every event waiting in the mailbox and commits them together; with a durable
 * store it waits for the commit before any command goes out, so a crash never loses a transition whose effects were
 * seen, and {@link #recover} resumes every execution that was running by replaying its stored events.
 *
 * <p>In manual mode nothing runs until the caller drains it, and time moves only with the {@link ManualClock}: tests
 * step executions by hand.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** How many waiting events one commit takes at most: bounds the latency a long mailbox adds. */
    private static final int MAX_BATCH = 256;
    /** How long steps without commands may wait for a commit to ride along with. */
    private static final long FLUSH_DELAY_MS = 20;
    /** How long an API caller waits at most for its event to be stored. */
    private static final long COMMIT_WAIT_SECONDS = 30;
    /** How often a durable engine renews leases, takes forwarded events and looks for executions to take over. */
    private static final long CLUSTER_ROUND_MS = 200;

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
    /** Whether steps without commands may be committed with a later step (durable stores, not in manual mode). */
    private final boolean deferCommits;
    private final java.util.concurrent.ScheduledExecutorService flusher;
    private final Thread cluster;
    private volatile boolean closing;

    /** An event on its way to an execution, and who waits for it to be committed (or null). */
    private record Delivery(Event event, CompletableFuture<Void> committed) {}

    /** One execution's mailbox. */
    private final class Actor implements Runnable {
        final ExecutionState state;
        final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final CompletableFuture<ExecutionRecord> done = new CompletableFuture<>();
        /** Applied steps not committed yet: they had no commands, so nothing outside has seen them. */
        final List<Step> deferred = new ArrayList<>();
        final AtomicBoolean flushDue = new AtomicBoolean();
        final AtomicBoolean flushScheduled = new AtomicBoolean();

        Actor(ExecutionState state) {
            this.state = state;
        }

        void deliver(Event e) {
            deliver(new Delivery(e, null));
        }

        void deliver(Delivery d) {
            inbox.add(d);
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this);
            }
        }

        /** Asks the worker to commit its deferred steps even if no event comes. */
        void flushSoon() {
            if (flushDue.compareAndSet(false, true) && scheduled.compareAndSet(false, true)) {
                executor.execute(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                while (!inbox.isEmpty()) {
                    applyBatch();
                }
                if (flushDue.getAndSet(false) && !deferred.isEmpty()) {
                    commitAndCarryOut(List.of()); // a failure is logged there, and stops the execution
                }
                scheduled.set(false);
                // An event may have arrived after the last poll but before the flag was cleared.
                if ((inbox.isEmpty() && !flushDue.get()) || !scheduled.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void applyBatch() {
            List<Step> steps = new ArrayList<>();
            List<CompletableFuture<Void>> acks = null;
            Delivery d;
            while (steps.size() < MAX_BATCH && (d = inbox.poll()) != null) {
                Event e = d.event();
                if (d.committed() != null) {
                    if (acks == null) {
                        acks = new ArrayList<>();
                    }
                    acks.add(d.committed());
                }
                Transition t;
                try {
                    t = interpreter.step(state, e);
                } catch (RuntimeException ex) {
                    // A bug, not a user error: make it visible and keep the execution's other events flowing.
                    LOG.error("Step of {} failed on {}", state.info().executionArn(), e, ex);
                    continue;
                }
                if (!t.events().isEmpty() || !t.commands().isEmpty()) {
                    steps.add(new Step(e, t)); // an event that changed nothing need not be replayed
                }
            }
            if (steps.isEmpty()) {
                complete(acks, null);
                return;
            }
            boolean anyCommand = false;
            for (Step st : steps) {
                anyCommand |= !st.transition().commands().isEmpty();
            }
            // Someone waits to hear the event is safe (a SendTaskSuccess answered with 200): never defer it.
            if (!anyCommand && deferCommits && acks == null) {
                // Nothing goes out because of these steps, so they need not be durable yet: they ride along with
                // the next commit (a task's TaskStarted with its result), or are flushed shortly.
                deferred.addAll(steps);
                notifyListeners(steps);
                if (flushScheduled.compareAndSet(false, true)) {
                    flusher.schedule(() -> {
                        flushScheduled.set(false);
                        flushSoon();
                    }, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
                }
                return;
            }
            complete(acks, commitAndCarryOut(steps));
        }

        private static void complete(List<CompletableFuture<Void>> acks, RuntimeException failure) {
            if (acks == null) {
                return;
            }
            for (CompletableFuture<Void> a : acks) {
                if (failure == null) {
                    a.complete(null);
                } else {
                    a.completeExceptionally(failure);
                }
            }
        }

        /** Commits the deferred and the fresh steps, then carries out the fresh steps' commands; null when done. */
        private RuntimeException commitAndCarryOut(List<Step> fresh) {
            List<Step> steps = fresh;
            if (!deferred.isEmpty()) {
                steps = new ArrayList<>(deferred);
                steps.addAll(fresh);
                deferred.clear();
            }
            try {
                store.commit(state, steps);
            } catch (RuntimeException ex) {
                // Nothing of the batch went out; the execution cannot go on consistently in this process.
                LOG.error("Commit of {} failed; the execution stops here until it is recovered",
                        state.info().executionArn(), ex);
                actors.remove(state.info().executionArn());
                done.completeExceptionally(ex);
                Delivery lost;
                while ((lost = inbox.poll()) != null) {
                    if (lost.committed() != null) {
                        lost.committed().completeExceptionally(ex);
                    }
                }
                return ex;
            }
            notifyListeners(fresh);
            for (Step s : fresh) {
                for (Command c : s.transition().commands()) {
                    carryOut(this, c);
                }
            }
            return null;
        }

        private void notifyListeners(List<Step> steps) {
            for (Step s : steps) {
                for (EngineListener l : listeners) {
                    try {
                        l.committed(state, s.transition());
                    } catch (RuntimeException ex) {
                        LOG.warn("Listener failed", ex);
                    }
                }
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
        this.deferCommits = store.durable() && !b.manual;

        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("conflux-flush").unstarted(r));
        timers.start((arn, id) -> deliver(arn, new Event.TimerFired(clock.instant(), id)));
        this.cluster = store.durable() && !b.manual
                ? Thread.ofPlatform().daemon().name("conflux-cluster").unstarted(this::clusterLoop) : null;
    }

    /**
     * Starts the background work of a durable engine (lease renewal, forwarded events, take-overs). Call after
     * {@link #recover}: a node takes its own executions back before it looks at others'.
     */
    public Engine startBackground() {
        if (cluster != null && !cluster.isAlive()) {
            cluster.start();
        }
        return this;
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

    /**
     * Resumes every execution the store has as unfinished: rebuilds each by replaying its events, re-arms its timers
     * (overdue ones fire at once) and hands its tasks to their nodes again. Call once, before new work arrives.
     *
     * @return how many executions were resumed
     */
    public int recover() {
        return resumeAll(store.claim(clock.instant(), true));
    }

    private int resumeAll(List<StoredExecution> executions) {
        int n = 0;
        for (StoredExecution stored : executions) {
            if (actors.containsKey(stored.info().executionArn())) {
                continue; // already running here
            }
            try {
                resume(stored);
                n++;
            } catch (RuntimeException e) {
                LOG.error("Could not resume {}", stored.info().executionArn(), e);
            }
        }
        return n;
    }

    /**
     * One round of the work nodes sharing a store do for each other: extend this node's leases, take the events
     * other nodes forwarded here, and resume executions whose node stopped renewing. Runs on its own in a durable
     * engine; tests call it by hand.
     */
    public void clusterRound() {
        Instant now = clock.instant();
        store.renew(now);
        for (io.conflux.engine.store.Forwarded f : store.takeForwarded(1000)) {
            Actor a = actors.get(f.executionArn());
            if (a != null) {
                a.deliver(f.event());
            } else {
                LOG.debug("Dropped a forwarded event for {}, which has ended", f.executionArn());
            }
        }
        int taken = resumeAll(store.claim(now, false));
        if (taken > 0) {
            LOG.info("Took over {} executions whose node stopped renewing its leases", taken);
        }
    }

    private void clusterLoop() {
        while (!closing) {
            try {
                clusterRound();
            } catch (RuntimeException e) {
                // A loop that dies silently strands executions on dead nodes: log and keep going.
                LOG.error("Cluster round failed; retrying", e);
            }
            try {
                Thread.sleep(CLUSTER_ROUND_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Rebuilds an execution from its stored events. */
    private ExecutionState replay(StoredExecution stored) {
        LOG.debug("Replaying {} from {} stored events", stored.info().executionArn(), stored.events().size());
        ParseResult parsed = Asl.parse(stored.definition(), Asl.Options.DEFAULT.withExpress(stored.info().express()));
        if (!parsed.isValid()) {
            throw new IllegalStateException("Expected the stored definition of " + stored.info().executionArn()
                    + " to be valid, but " + parsed.invalidDefinitionMessage());
        }
        ExecutionState state = ExecutionState.create(stored.info(), parsed.machine(), stored.input(),
                stored.startTime(), stored.salt());
        for (Event e : stored.events()) {
            interpreter.step(state, e); // deterministic: rebuilds the state the events left behind
        }
        return state;
    }

    private void resume(StoredExecution stored) {
        ExecutionState state = replay(stored);
        Actor actor = new Actor(state);
        if (state.status().isTerminal()) {
            return; // ended in its last committed step; the store finishes recording that on its own
        }
        actors.put(stored.info().executionArn(), actor);
        if (stored.events().isEmpty()) {
            // Created, but the process died before its first step was stored: start it now.
            actor.deliver(new Event.Start(stored.startTime()));
            return;
        }
        String arn = stored.info().executionArn();
        // Read what it waits for before anything can wake it: once a timer is armed, the actor may step the state
        // on another thread, and a task it schedules then must not be handed out a second time from here.
        Map<String, Instant> dues = state.pendingTimerDues();
        List<ExecutionState.WaitingTask> waiting = state.waitingTasks();
        for (ExecutionState.WaitingTask t : waiting) {
            ProcessingNode node = nodeFor(t.request().resource());
            if (node == null) {
                actor.deliver(noNode(t.request()));
            } else {
                node.resume(t.request(), t.started(), callback(actor, t.request().taskToken()));
            }
        }
        dues.forEach((id, due) -> timers.schedule(arn, id, due));
    }

    /**
     * Delivers an event to a running execution, here or, through the store, on the node that runs it. Returns false
     * when no node runs it.
     */
    public boolean deliver(String executionArn, Event event) {
        Actor a = actors.get(executionArn);
        if (a != null) {
            a.deliver(event);
            return true;
        }
        return runsElsewhere(executionArn) && store.forward(executionArn, event);
    }

    private boolean runsElsewhere(String executionArn) {
        return store.durable() && store.describe(executionArn)
                .map(r -> r.status() == io.conflux.engine.interpreter.ExecutionStatus.RUNNING).orElse(false);
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
            if (arn != null && runsElsewhere(arn) && store.forward(arn, e)) {
                return TokenCheck.ACCEPTED; // its node decides whether the task is still pending
            }
            // A token of an execution that has ended is well formed but answers nothing any more.
            return arn != null && store.describe(arn).isPresent() ? TokenCheck.NOT_PENDING : TokenCheck.INVALID;
        }
        // A racy read, but only a hint: the interpreter decides, and ignores a result for a task no longer pending.
        if (!a.state.pendingTaskTokens().contains(token)) {
            return TokenCheck.NOT_PENDING;
        }
        deliverCommitted(a, e);
        return TokenCheck.ACCEPTED;
    }

    /**
     * RedriveExecution: an execution that failed, timed out or was aborted runs again from where it stopped (see
     * {@link Event.Redrive}), here. Its state is the store's own when the store holds it, or is rebuilt from its
     * events. AWS's rules on what may be redriven (age, type, history length) are the caller's to check first.
     *
     * @return when it was redriven; empty when there is no such execution to redrive: none at all, or one that runs
     *     or succeeded
     */
    public Optional<Instant> redrive(String executionArn) {
        if (actors.containsKey(executionArn)) {
            return Optional.empty();
        }
        ExecutionState state = store.held(executionArn)
                .orElseGet(() -> store.load(executionArn).map(this::replay).orElse(null));
        if (state == null || !state.status().isTerminal()
                || state.status() == io.conflux.engine.interpreter.ExecutionStatus.SUCCEEDED) {
            return Optional.empty();
        }
        Actor actor = new Actor(state);
        if (actors.putIfAbsent(executionArn, actor) != null) {
            return Optional.empty(); // redriven by a concurrent call
        }
        Instant at = clock.instant();
        deliverCommitted(actor, new Event.Redrive(at));
        return Optional.of(at);
    }

    /**
     * Delivers an event and, with a durable store, returns once it is committed: whoever told us (an API caller) may
     * then forget it, because a crash no longer loses it. In manual mode it returns at once (nothing runs until the
     * test drains the engine).
     */
    private void deliverCommitted(Actor a, Event e) {
        if (!store.durable() || manual != null) {
            a.deliver(e);
            return;
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        a.deliver(new Delivery(e, committed));
        try {
            committed.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("The event for " + a.state.info().executionArn() + " could not be "
                    + "stored: " + failed.getMessage(), failed);
        }
    }

    /** StopExecution; returns once the stop is stored. Returns false when no node runs the execution. */
    public boolean stop(String executionArn, String error, String cause) {
        Event stop = new Event.Stop(clock.instant(), error, cause);
        Actor a = actors.get(executionArn);
        if (a != null) {
            deliverCommitted(a, stop);
            return true;
        }
        return deliver(executionArn, stop);
    }

    /** The live state of a running execution; empty once it has ended (then use {@link #describe}). */
    public Optional<ExecutionState> live(String executionArn) {
        Actor a = actors.get(executionArn);
        return a == null ? Optional.empty() : Optional.of(a.state);
    }

    /** Where an execution stands, running or ended. */
    public Optional<ExecutionRecord> describe(String executionArn) {
        Actor a = actors.get(executionArn);
        if (a != null) {
            return Optional.of(ExecutionRecord.of(a.state)); // a moment's view; the actor may be mid-step
        }
        return store.describe(executionArn);
    }

    public List<HistoryEvent> history(String executionArn) {
        return store.history(executionArn);
    }

    /** Completes when the execution has ended. */
    public CompletableFuture<ExecutionRecord> completion(String executionArn) {
        Actor a = actors.get(executionArn);
        if (a != null) {
            return a.done;
        }
        Optional<ExecutionRecord> ended = store.describe(executionArn).filter(r -> r.status().isTerminal());
        if (ended.isPresent()) {
            return CompletableFuture.completedFuture(ended.get());
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException(
                "Expected an execution, but found none with ARN " + executionArn));
    }

    /** Waits for the end of an execution (not in manual mode: there, use {@link #runToCompletion}). */
    public ExecutionRecord await(String executionArn, Duration timeout) throws InterruptedException, TimeoutException {
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
        ManualClock mc = requireManual();
        Instant target = mc.instant().plus(d);
        runUntilIdle();
        Instant next;
        while ((next = ((ClockTimers) timers).nextDue()) != null && !next.isAfter(target)) {
            if (next.isAfter(mc.instant())) {
                mc.set(next);
            }
            runUntilIdle();
        }
        mc.set(target);
        runUntilIdle();
    }

    /** Manual mode: advances to each next timer until the execution ends or nothing is scheduled within limit. */
    public ExecutionRecord runToCompletion(String executionArn, Duration limit) {
        ManualClock mc = requireManual();
        Instant end = mc.instant().plus(limit);
        runUntilIdle();
        Instant next;
        while (actors.containsKey(executionArn) && (next = ((ClockTimers) timers).nextDue()) != null
                && !next.isAfter(end)) {
            if (next.isAfter(mc.instant())) {
                mc.set(next);
            }
            runUntilIdle();
        }
        return describe(executionArn).orElseThrow(() -> new IllegalArgumentException(
                "Expected an execution, but found none with ARN " + executionArn));
    }

    private ManualClock requireManual() {
        if (manual == null || !(clock instanceof ManualClock mc)) {
            throw new IllegalStateException("Expected an engine built with manual(clock), but this one runs by itself");
        }
        return mc;
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
                // running ones.
                actors.remove(arn);
                actor.done.complete(ExecutionRecord.of(actor.state));
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

    private Event noNode(TaskRequest r) {
        return new Event.TaskFailed(clock.instant(), r.taskToken(), "States.TaskFailed",
                "No processing node runs the resource '" + r.resource() + "'. Register a handler for it, or run the "
                        + "workflow where its integration is available.");
    }

    private void startTask(Actor actor, TaskRequest r) {
        ProcessingNode node = nodeFor(r.resource());
        if (node == null) {
            actor.deliver(noNode(r));
            return;
        }
        TaskCallback callback = callback(actor, r.taskToken());
        try {
            node.start(r, callback);
        } catch (RuntimeException e) {
            LOG.warn("Node {} failed to start a task for {}", node, r.resource(), e);
            callback.failed("States.TaskFailed", "The processing node failed to start the task: " + e);
        }
    }

    private TaskCallback callback(Actor actor, String token) {
        return new TaskCallback() {
            @Override
            public void started(String workerName) {
                actor.deliver(new Event.TaskStarted(clock.instant(), token, workerName));
            }

            @Override
            public void startedRecorded(String workerName) {
                deliverCommitted(actor, new Event.TaskStarted(clock.instant(), token, workerName));
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
    }

    /**
     * Stops in order: no timer fires any more, running steps finish and commit, then the store closes. Executions
     * that have not ended stay in a durable store, to be recovered by the next engine.
     */
    @Override
    public void close() {
        closing = true;
        if (cluster != null) {
            cluster.interrupt();
        }
        timers.close();
        // Commit what was deferred, so that a graceful stop loses no history.
        for (Actor a : actors.values()) {
            a.flushSoon();
        }
        flusher.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                if (!ownedExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Steps still running after 10 s; closing anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
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
