package io.conflux.engine.nodes.activities;

import io.conflux.asl.expr.ErrorNames;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Activities: Task states whose Resource is an activity ARN ({@code arn:aws:states:REGION:ACCOUNT:activity:NAME})
 * queue their work here, and remote workers take it with GetActivityTask ({@link #poll}). The result comes back
 * through the engine's {@code sendTaskSuccess}/{@code sendTaskFailure} with the task token, as for any callback.
 *
 * <p>One queue per activity. A poll that finds the queue empty waits (long poll) and is answered the moment a task
 * arrives; tasks go to waiting pollers in the order they started polling. A task for an activity that does not exist
 * fails as AWS fails it: {@code States.Runtime}, which no Retry or Catch handles.
 */
public final class ActivityNode implements ProcessingNode {

    /** A queued task and how to report on it. */
    private record Pending(TaskRequest request, TaskCallback callback) {}

    private static final class Queue {
        final Deque<Pending> tasks = new ArrayDeque<>();
        final Deque<CompletableFuture<Pending>> pollers = new ArrayDeque<>();
    }

    private final Predicate<String> activityExists;
    private final Function<TaskRequest, String> missingActivityCause;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** How waiting polls are told that the node closes. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super("closed", null, false, false);
        }
    }

    /**
     * @param activityExists whether an activity ARN names an existing activity (asked when a task starts)
     * @param missingActivityCause the cause for a task whose activity does not exist; AWS's reads "An error occurred
     *     while executing the state 'S' (entered at the event id #N). The activity ARN does not exist."
     */
    public ActivityNode(Predicate<String> activityExists, Function<TaskRequest, String> missingActivityCause) {
        this.activityExists = Objects.requireNonNull(activityExists, "activityExists");
        this.missingActivityCause = Objects.requireNonNull(missingActivityCause, "missingActivityCause");
    }

    /** A node whose missing-activity cause does not say where the state was entered. */
    public ActivityNode(Predicate<String> activityExists) {
        this(activityExists, r -> "The activity " + r.resource() + " does not exist.");
    }

    /** Whether {@code resource} is an activity ARN (without any integration suffix, which activities do not take). */
    public static boolean isActivityArn(String resource) {
        String[] p = resource.split(":", -1);
        return p.length == 7 && p[0].equals("arn") && p[2].equals("states") && p[5].equals("activity")
                && !p[6].isEmpty();
    }

    @Override
    public boolean handles(String resource) {
        return isActivityArn(resource) && IntegrationPattern.of(resource) == IntegrationPattern.REQUEST_RESPONSE;
    }

    @Override
    public void start(TaskRequest request, TaskCallback callback) {
        String arn = request.resource();
        if (!activityExists.test(arn)) {
            callback.failed(ErrorNames.RUNTIME, missingActivityCause.apply(request));
            return;
        }
        Pending p = new Pending(request, callback);
        Queue q = queues.computeIfAbsent(arn, k -> new Queue());
        while (true) {
            CompletableFuture<Pending> poller;
            synchronized (q) {
                poller = q.pollers.poll();
                if (poller == null) {
                    q.tasks.add(p);
                    return;
                }
            }
            // A poller that gave up (timed out, interrupted) completes exceptionally first; then try the next one.
            if (poller.complete(p)) {
                return;
            }
        }
    }

    /**
     * GetActivityTask: takes the oldest task of the activity, waiting up to {@code wait} for one.
     *
     * @param workerName recorded in the ActivityStarted event; may be null
     * @return empty when no task came in time
     */
    public Optional<ActivityTask> poll(String activityArn, String workerName, Duration wait)
            throws InterruptedException {
        if (closed) {
            return Optional.empty();
        }
        Queue q = queues.computeIfAbsent(activityArn, k -> new Queue());
        Pending p;
        CompletableFuture<Pending> waiting;
        synchronized (q) {
            p = q.tasks.poll();
            if (p == null) {
                waiting = new CompletableFuture<>();
                q.pollers.add(waiting);
            } else {
                waiting = null;
            }
        }
        if (waiting != null) {
            try {
                p = waiting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | InterruptedException e) {
                // Whoever completes first wins: either a task arrived just now (take it), or we withdraw.
                if (!waiting.completeExceptionally(e)) {
                    if (waiting.isCompletedExceptionally()) {
                        return Optional.empty();
                    }
                    p = waiting.join();
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    synchronized (q) {
                        q.pollers.remove(waiting);
                    }
                    if (e instanceof InterruptedException ie) {
                        throw ie;
                    }
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                // Only close() fails a waiting poll from outside: answer it as a poll that found nothing.
                return Optional.empty();
            }
        }
        p.callback().startedRecorded(workerName);
        return Optional.of(new ActivityTask(p.request().taskToken(), p.request().input()));
    }

    /** The task no longer needs a worker (timed out before any worker took it, or its execution ended). */
    @Override
    public void cancel(String taskToken) {
        for (Queue q : queues.values()) {
            synchronized (q) {
                if (q.tasks.removeIf(p -> p.request().taskToken().equals(taskToken))) {
                    return;
                }
            }
        }
    }

    /**
     * Answers every waiting poll with no task, and any later one at once, so that a server can stop without
     * waiting for long polls. Queued tasks stay pending (their executions time them out, or stop).
     */
    public void close() {
        closed = true;
        for (Queue q : queues.values()) {
            synchronized (q) {
                q.pollers.forEach(f -> f.completeExceptionally(new Closed()));
                q.pollers.clear();
            }
        }
    }

    /** How many tasks wait for a worker on an activity (for tests and metrics). */
    public int queued(String activityArn) {
        Queue q = queues.get(activityArn);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.tasks.size();
        }
    }
}
