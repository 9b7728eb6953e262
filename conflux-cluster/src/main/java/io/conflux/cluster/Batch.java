package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS Batch on this server: jobs move SUBMITTED → PENDING (while they wait for dependencies) → RUNNABLE → STARTING →
 * RUNNING → SUCCEEDED or FAILED, on compute environments that grow from their minimum to their maximum vCPUs as jobs
 * need them and shrink back after an idle delay.
 *
 * <p>All state is guarded by this object's lock; executors report from their own threads and take the lock briefly.
 * {@link #tick} is one round of the scheduler: release jobs whose dependencies are done, place RUNNABLE jobs (queues by
 * priority, each queue's compute environments in order), kill jobs over their timeout, scale idle environments down.
 * Placed jobs are launched after the lock is released, so a slow executor never holds up the API. Time comes from the
 * injected clock: tests step the scheduler and the scaler by hand; the server runs {@link #tick} in a loop woken by
 * submissions and job ends.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);
    static final String ESSENTIAL_EXITED = "Essential container in task exited";
    static final String TIMEOUT_REASON = "Job attempt duration exceeded timeout";
    static final String DEPENDENCY_FAILED = "Dependent Job failed";
    static final String CHILD_FAILED = "Array Child Job failed";

    private final Clock clock;
    private final BatchResources resources;
    private final ClusterStore store;
    private final Function<ExecutorSpec, JobExecutor> executors;
    private final String nodeId;
    private final Map<String, Job> jobs = new HashMap<>();
    /** Jobs not yet ended, in submission order. */
    private final LinkedHashMap<String, Job> active = new LinkedHashMap<>();
    private final Map<String, Capacity> capacity = new HashMap<>();
    private final Map<String, List<Consumer<ObjectNode>>> waiters = new HashMap<>();
    private final Map<String, String> bySyncToken = new HashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private long seq;
    private volatile boolean closed;
    private Thread loop;

    Batch(Clock clock, BatchResources resources, ClusterStore store, Function<ExecutorSpec, JobExecutor> executors,
            String nodeId) {
        this.clock = clock;
        this.resources = resources;
        this.store = store;
        this.executors = executors;
        this.nodeId = nodeId;
    }

    // ---- life cycle --------------------------------------------------------------------------------------------

    /**
     * Reads the jobs a durable server kept. A job that was running when the server stopped is taken up again where its
     * executor can (Kubernetes); elsewhere its attempt failed with the host, as Batch reports a lost instance, and its
     * retry strategy decides what follows.
     */
    synchronized void recover() {
        Instant now = clock.instant();
        List<Job> lost = new ArrayList<>();
        List<Job> restored = new ArrayList<>();
        for (JsonNode n : store.all("job")) {
            restored.add(JobJson.restore(n));
        }
        restored.sort(Comparator.comparingLong(j -> j.seq));
        for (Job j : restored) {
            jobs.put(j.id, j);
            seq = Math.max(seq, j.seq);
            if (j.syncToken != null) {
                bySyncToken.put(j.syncToken, j.id);
            }
            if (j.status.terminal()) {
                continue;
            }
            active.put(j.id, j);
            if (j.status.placed()) {
                ComputeEnvironment ce = resources.environment(j.ceArn);
                if (ce == null) {
                    lost.add(j);
                    continue;
                }
                capacity(ce).reserve(j.container.vcpus(), Integer.MAX_VALUE, now);
                JobExecutor ex = executors.apply(ce.executor());
                JobExecutor.Run run = null;
                try {
                    run = ex.reattach(launch(j, ce), events(j, j.attemptNo));
                } catch (RuntimeException e) {
                    LOG.warn("Could not take up job {} again", j.id, e);
                }
                if (run == null) {
                    lost.add(j);
                } else {
                    j.executor = ex;
                    j.run = run;
                }
            }
        }
        for (Job j : lost) {
            ended(j, j.attemptNo, null, null, "Host EC2 (instance " + nodeId + ") terminated.");
        }
        if (!restored.isEmpty()) {
            LOG.info("Recovered {} cluster jobs ({} still to run, {} lost with the host)", restored.size(),
                    active.size(), lost.size());
        }
    }

    /** Runs the scheduler in the background: at once when woken, else every {@code period}. */
    void startLoop(Duration period) {
        loop = Thread.ofPlatform().daemon().name("conflux-batch-scheduler").start(() -> {
            while (!closed) {
                try {
                    tick();
                } catch (Throwable t) {
                    // A scheduler that dies silently strands every queued job: log and keep going.
                    LOG.error("Scheduler round failed; continuing", t);
                }
                synchronized (signal) {
                    if (!woken && !closed) {
                        try {
                            signal.wait(period.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    woken = false;
                }
            }
        });
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * Stops scheduling, then the local runs in progress: what they report afterwards is ignored, so their jobs stay
     * RUNNING in the store and the next server finds them lost with their host, as after a crash. Kubernetes runs go
     * on; the next server takes them up again.
     */
    void close() {
        closed = true;
        wake();
        if (loop != null) {
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<JobExecutor.Run> runs = new ArrayList<>();
        synchronized (this) {
            for (Job j : active.values()) {
                if (j.run != null && !(j.executor instanceof KubernetesExecutor)) {
                    runs.add(j.run);
                }
            }
        }
        runs.forEach(JobExecutor.Run::stop);
    }

    // ---- resources ---------------------------------------------------------------------------------------------

    synchronized ObjectNode createComputeEnvironment(ObjectNode r) {
        ComputeEnvironment ce = resources.create(r);
        capacity(ce);
        wake();
        return Json.object().put("computeEnvironmentName", ce.name()).put("computeEnvironmentArn", ce.arn());
    }

    synchronized ObjectNode updateComputeEnvironment(ObjectNode r) {
        ComputeEnvironment ce = resources.update(r);
        Capacity cap = capacity(ce);
        if (r.path("computeResources").has("desiredvCpus") || cap.desired < ce.minvCpus()
                || cap.desired > ce.maxvCpus()) {
            cap.desired = Math.max(ce.desiredvCpus(), (int) Math.ceil(cap.used));
            cap.peakDesired = Math.max(cap.peakDesired, cap.desired);
        }
        wake();
        return Json.object().put("computeEnvironmentName", ce.name()).put("computeEnvironmentArn", ce.arn());
    }

    synchronized void deleteComputeEnvironment(String ref) {
        ComputeEnvironment ce = resources.deleteEnvironment(ref);
        capacity.remove(ce.arn());
    }

    synchronized List<ObjectNode> describeComputeEnvironments(List<String> refs) {
        List<ObjectNode> out = new ArrayList<>();
        for (ComputeEnvironment ce : select(refs, resources.environments(), resources::environment)) {
            out.add(ce.toJson(capacity(ce).desired, executors.apply(ce.executor()).unavailable()));
        }
        return out;
    }

    synchronized ObjectNode createJobQueue(ObjectNode r) {
        JobQueue q = resources.createQueue(r);
        return Json.object().put("jobQueueName", q.name()).put("jobQueueArn", q.arn());
    }

    synchronized ObjectNode updateJobQueue(ObjectNode r) {
        JobQueue q = resources.updateQueue(r);
        wake();
        return Json.object().put("jobQueueName", q.name()).put("jobQueueArn", q.arn());
    }

    synchronized void deleteJobQueue(String ref) {
        JobQueue q = resources.requireQueue(ref);
        if (q.enabled()) {
            throw ClusterFailure.client("Error executing request, Exception : Cannot delete, job queue " + q.name()
                    + " must be DISABLED first.");
        }
        for (Job j : List.copyOf(active.values())) {
            if (j.queueArn.equals(q.arn())) {
                terminate(j, "Job queue deleted");
            }
        }
        resources.deleteQueue(ref);
    }

    synchronized List<ObjectNode> describeJobQueues(List<String> refs) {
        return select(refs, resources.queues(), resources::queue).stream().map(JobQueue::toJson).toList();
    }

    synchronized ObjectNode registerJobDefinition(ObjectNode r, boolean unlessSame) {
        JobDefinition d = resources.register(r, unlessSame);
        return Json.object().put("jobDefinitionName", d.name()).put("jobDefinitionArn", d.arn())
                .put("revision", d.revision());
    }

    synchronized void deregisterJobDefinition(String ref) {
        resources.deregister(ref);
    }

    /** DescribeJobDefinitions: by names or ARNs, by name, by status; all revisions otherwise. */
    synchronized List<ObjectNode> describeJobDefinitions(ObjectNode r) {
        List<ObjectNode> out = new ArrayList<>();
        List<String> refs = ContainerSpec.strings(r.get("jobDefinitions"));
        String name = r.path("jobDefinitionName").asText(null);
        String status = r.path("status").asText(null);
        for (JobDefinition d : resources.definitions()) {
            if (!refs.isEmpty() && refs.stream().noneMatch(ref -> d == resources.definition(ref)
                    || (!ref.contains(":") && ref.equals(d.name())))) {
                continue;
            }
            if (name != null && !name.equals(d.name())) {
                continue;
            }
            if (status != null && !status.equals(d.active() ? "ACTIVE" : "INACTIVE")) {
                continue;
            }
            out.add(d.toJson());
        }
        return out;
    }

    private static <T> List<T> select(List<String> refs, List<T> all, Function<String, T> resolve) {
        if (refs.isEmpty()) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String ref : refs) {
            T t = resolve.apply(ref);
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private Capacity capacity(ComputeEnvironment ce) {
        return capacity.computeIfAbsent(ce.arn(), k -> new Capacity(ce.desiredvCpus(), clock.instant()));
    }

    synchronized Capacity.View capacityView(String ceRef) {
        ComputeEnvironment ce = resources.requireEnvironment(ceRef);
        return capacity(ce).view(ce);
    }

    synchronized List<Capacity.View> capacityViews() {
        return resources.environments().stream().map(ce -> capacity(ce).view(ce)).toList();
    }

    // ---- jobs --------------------------------------------------------------------------------------------------

    /**
     * SubmitJob. {@code syncToken} ties the job to the Task state waiting for it ({@code .sync}), so that a restarted
     * server finds the job instead of submitting another.
     */
    synchronized ObjectNode submit(ObjectNode r, String syncToken) {
        List<Job> made = Submission.jobs(r, syncToken, resources, jobs::get, clock.instant(), () -> ++seq);
        made.forEach(this::add);
        made.forEach(this::persist);
        wake();
        Job job = made.get(0);
        return Json.object().put("jobArn", job.arn).put("jobName", job.name).put("jobId", job.id);
    }

    /** SubmitJob through the API. */
    ObjectNode submitJobApi(ObjectNode r) {
        return submit(r, null);
    }

    private void add(Job j) {
        jobs.put(j.id, j);
        active.put(j.id, j);
        if (j.syncToken != null) {
            bySyncToken.put(j.syncToken, j.id);
        }
    }

    private void persist(Job j) {
        store.put("job", j.id, JobJson.persist(j));
    }

    synchronized List<ObjectNode> describeJobs(List<String> ids) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : ids) {
            Job j = jobs.get(Arns.name(id, "job"));
            if (j != null) {
                out.add(JobJson.detail(j, jobs::get));
            }
        }
        return out;
    }

    /** The job a {@code .sync} task submitted, or null. */
    synchronized String jobForToken(String token) {
        return bySyncToken.get(token);
    }

    /** Calls {@code done} with the job's DescribeJobs detail when it has ended (at once if it has). */
    synchronized void whenDone(String jobId, Consumer<ObjectNode> done) {
        Job j = jobs.get(jobId);
        if (j == null) {
            throw new IllegalArgumentException("Expected a job, but found none with id " + jobId);
        }
        if (j.status.terminal()) {
            done.accept(JobJson.detail(j, jobs::get));
        } else {
            waiters.computeIfAbsent(jobId, k -> new ArrayList<>()).add(done);
        }
    }

    synchronized ObjectNode listJobs(ObjectNode r) {
        return JobListing.list(r, resources, jobs);
    }

    /** TerminateJob: ends a job in any state; a running one is stopped. Terminated jobs are not retried. */
    synchronized void terminate(String ref, String reason) {
        Job j = jobs.get(Arns.name(ref, "job"));
        if (j == null) {
            throw ClusterFailure.client("Error executing request, Exception : Job " + ref + " does not exist.");
        }
        terminate(j, reason);
    }

    private void terminate(Job j, String reason) {
        if (j.status.terminal()) {
            return;
        }
        j.terminated = true;
        if (j.isArrayParent()) {
            j.terminateReason = reason;
            for (String c : j.children) {
                terminate(jobs.get(c), reason);
            }
            return;
        }
        if (j.status.placed()) {
            j.terminateReason = reason;
            if (j.run != null) {
                j.run.stop();
            }
            persist(j);
        } else {
            finish(j, JobStatus.FAILED, reason, clock.instant());
        }
    }

    /** CancelJob: ends a job that has not started; one that has goes on (TerminateJob stops it). */
    synchronized void cancel(String ref, String reason) {
        Job j = jobs.get(Arns.name(ref, "job"));
        if (j == null) {
            throw ClusterFailure.client("Error executing request, Exception : Job " + ref + " does not exist.");
        }
        cancel(j, reason);
    }

    private void cancel(Job j, String reason) {
        if (j.isArrayParent()) {
            j.cancelled = true;
            j.terminateReason = reason;
            for (String c : j.children) {
                cancel(jobs.get(c), reason);
            }
            return;
        }
        if (j.status == JobStatus.SUBMITTED || j.status == JobStatus.PENDING || j.status == JobStatus.RUNNABLE) {
            j.cancelled = true;
            finish(j, JobStatus.FAILED, reason, clock.instant());
        }
    }

    /** The output of an attempt of a job (the latest when {@code attempt} is null), or null. */
    synchronized String logs(String jobId, Integer attempt) {
        Job j = jobs.get(jobId);
        if (j == null || j.attemptNo == 0) {
            return null;
        }
        ComputeEnvironment ce = resources.environment(j.ceArn);
        JobExecutor ex = j.executor != null ? j.executor : ce == null ? null : executors.apply(ce.executor());
        return ex == null ? null : ex.logs(j.runId(attempt == null ? j.attemptNo : attempt));
    }

    synchronized List<Usage> usage(String jobId) {
        List<Usage> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.isArrayParent() || (jobId != null && !j.id.equals(jobId) && !jobId.equals(j.parentId))) {
                continue;
            }
            ComputeEnvironment ce = resources.environment(j.ceArn);
            out.add(j.usage(ce == null ? "ON_DEMAND" : ce.pricingClass()));
        }
        out.sort(Comparator.comparing(Usage::id));
        return out;
    }

    // ---- the scheduler -----------------------------------------------------------------------------------------

    /** One round of the scheduler (see the class comment). Launches happen after the lock is released. */
    void tick() {
        List<Runnable> launches = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            resolveDependencies(now);
            place(now, launches);
            enforceTimeouts(now);
            for (ComputeEnvironment ce : resources.environments()) {
                if (capacity(ce).scaleDown(ce.minvCpus(), ce.idleDelay(), now)) {
                    LOG.debug("Compute environment {} scaled down to {} vCPUs", ce.name(), capacity(ce).desired);
                }
            }
        }
        launches.forEach(Runnable::run);
    }

    private void resolveDependencies(Instant now) {
        for (Job j : List.copyOf(active.values())) {
            if (j.isArrayParent()) {
                continue;
            }
            if (j.status == JobStatus.SUBMITTED) {
                j.status = j.dependsOn.isEmpty() ? JobStatus.RUNNABLE : JobStatus.PENDING;
                if (j.status == JobStatus.RUNNABLE) {
                    j.runnableAt = now;
                }
                persist(j);
            }
            if (j.status == JobStatus.PENDING) {
                boolean waiting = false;
                boolean failed = false;
                for (Job.Dependency d : j.dependsOn) {
                    Job t = d.jobId() == null ? null : jobs.get(d.jobId());
                    if (t == null || t.status == JobStatus.SUCCEEDED) {
                        continue;
                    }
                    failed |= t.status == JobStatus.FAILED;
                    waiting |= !t.status.terminal();
                }
                if (failed) {
                    finish(j, JobStatus.FAILED, DEPENDENCY_FAILED, now);
                } else if (!waiting) {
                    j.status = JobStatus.RUNNABLE;
                    j.runnableAt = now;
                    persist(j);
                }
            }
        }
    }

    private void place(Instant now, List<Runnable> launches) {
        List<JobQueue> queues = new ArrayList<>(resources.queues());
        queues.removeIf(q -> !q.enabled());
        queues.sort(Comparator.comparingInt(JobQueue::priority).reversed());
        Map<String, String> unavailable = new HashMap<>();
        for (JobQueue q : queues) {
            for (Job j : active.values()) {
                if (j.status != JobStatus.RUNNABLE || !j.queueArn.equals(q.arn())) {
                    continue;
                }
                for (String ceArn : q.computeEnvironments()) {
                    ComputeEnvironment ce = resources.environment(ceArn);
                    if (ce == null || !ce.enabled()) {
                        continue;
                    }
                    JobExecutor ex = executors.apply(ce.executor());
                    if (!unavailable.computeIfAbsent(ceArn, k -> java.util.Objects.toString(ex.unavailable(), ""))
                            .isEmpty()) {
                        continue; // INVALID: the job waits in RUNNABLE, as on Batch
                    }
                    if (capacity(ce).reserve(j.container.vcpus(), ce.maxvCpus(), now)) {
                        launches.add(startAttempt(j, ce, ex, now));
                        break;
                    }
                }
            }
        }
    }

    private Runnable startAttempt(Job j, ComputeEnvironment ce, JobExecutor ex, Instant now) {
        j.status = JobStatus.STARTING;
        j.ceArn = ce.arn();
        j.attemptNo++;
        j.placedAt = now;
        j.attemptStartedAt = null;
        j.timedOut = false;
        j.executor = ex;
        if (j.runnableAt != null) {
            j.queueWaitNanos += Duration.between(j.runnableAt, now).toNanos();
        }
        j.logStreamName = Arns.name(j.definitionArn, "job-definition").replaceAll(":\\d+$", "") + "/default/"
                + j.runId();
        persist(j);
        JobExecutor.Launch launch = launch(j, ce);
        int attempt = j.attemptNo;
        JobExecutor.Events events = events(j, attempt);
        return () -> {
            JobExecutor.Run run;
            try {
                run = ex.launch(launch, events);
            } catch (RuntimeException e) {
                LOG.warn("Executor failed to launch job {}", j.id, e);
                events.failedToStart("CannotStartContainerError: " + e.getMessage());
                return;
            }
            boolean stopNow;
            synchronized (this) {
                if (j.attemptNo != attempt || !j.status.placed()) {
                    return;
                }
                j.run = run;
                stopNow = j.terminateReason != null || j.timedOut;
            }
            if (stopNow) {
                run.stop();
            }
        };
    }

    private JobExecutor.Launch launch(Job j, ComputeEnvironment ce) {
        Map<String, String> env = new LinkedHashMap<>(j.container.environment());
        env.put("AWS_BATCH_JOB_ID", j.id);
        env.put("AWS_BATCH_JOB_ATTEMPT", Integer.toString(j.attemptNo));
        env.put("AWS_BATCH_JQ_NAME", Arns.name(j.queueArn, "job-queue"));
        env.put("AWS_BATCH_CE_NAME", ce.name());
        if (j.arrayIndex != null) {
            env.put("AWS_BATCH_JOB_ARRAY_INDEX", Integer.toString(j.arrayIndex));
        }
        return new JobExecutor.Launch(j.runId(), j.name, j.container.image(), j.container.commandWith(j.parameters),
                env, j.container.vcpus(), j.container.memoryMiB(), j.container.gpus());
    }

    private JobExecutor.Events events(Job j, int attempt) {
        return new JobExecutor.Events() {
            @Override
            public void running() {
                synchronized (Batch.this) {
                    if (closed || j.attemptNo != attempt || j.status != JobStatus.STARTING) {
                        return;
                    }
                    Instant now = clock.instant();
                    j.status = JobStatus.RUNNING;
                    j.attemptStartedAt = now;
                    j.startedAt = now;
                    j.startLatencyNanos += Duration.between(j.placedAt, now).toNanos();
                    persist(j);
                }
            }

            @Override
            public void exited(int exitCode, String reason) {
                ended(j, attempt, exitCode, reason, null);
            }

            @Override
            public void failedToStart(String reason) {
                ended(j, attempt, null, reason, reason);
            }
        };
    }

    /** An attempt ended: the job succeeds, goes back to RUNNABLE for another attempt, or fails. */
    private synchronized void ended(Job j, int attempt, Integer exitCode, String containerReason, String failure) {
        if (closed || j.attemptNo != attempt || !j.status.placed()) {
            return;
        }
        Instant now = clock.instant();
        if (j.attemptStartedAt != null) {
            j.runMillis += Math.max(0, Duration.between(j.attemptStartedAt, now).toMillis());
        }
        ComputeEnvironment ce = resources.environment(j.ceArn);
        if (ce != null) {
            capacity(ce).release(j.container.vcpus(), now);
        }
        String statusReason = j.terminateReason != null ? j.terminateReason
                : j.timedOut ? TIMEOUT_REASON : failure != null ? failure : ESSENTIAL_EXITED;
        j.attempts.add(new Job.Attempt(j.attemptStartedAt, now, exitCode, containerReason, statusReason,
                j.logStreamName));
        j.exitCode = exitCode;
        j.containerReason = containerReason;
        j.run = null;
        boolean stoppedByUs = j.terminateReason != null || j.timedOut;
        if (!stoppedByUs && exitCode != null && exitCode == 0) {
            finish(j, JobStatus.SUCCEEDED, statusReason, now);
        } else if (!stoppedByUs && j.retry.retries(j.attemptNo, exitCode, containerReason, statusReason)) {
            j.status = JobStatus.RUNNABLE;
            j.statusReason = statusReason;
            j.runnableAt = now;
            persist(j);
        } else {
            finish(j, JobStatus.FAILED, statusReason, now);
        }
        wake();
    }

    private void finish(Job j, JobStatus status, String reason, Instant now) {
        j.status = status;
        j.statusReason = reason;
        j.stoppedAt = now;
        active.remove(j.id);
        persist(j);
        List<Consumer<ObjectNode>> ws = waiters.remove(j.id);
        if (ws != null) {
            ObjectNode detail = JobJson.detail(j, jobs::get);
            for (Consumer<ObjectNode> w : ws) {
                try {
                    w.accept(detail);
                } catch (RuntimeException e) {
                    LOG.warn("A waiter of job {} failed", j.id, e);
                }
            }
        }
        if (j.parentId != null) {
            Job parent = jobs.get(j.parentId);
            if (parent != null && !parent.status.terminal()
                    && parent.children.stream().allMatch(c -> jobs.get(c).status.terminal())) {
                boolean allSucceeded = parent.children.stream()
                        .allMatch(c -> jobs.get(c).status == JobStatus.SUCCEEDED);
                parent.startedAt = parent.children.stream().map(c -> jobs.get(c).startedAt)
                        .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
                finish(parent, allSucceeded ? JobStatus.SUCCEEDED : JobStatus.FAILED,
                        allSucceeded ? null : parent.terminateReason != null ? parent.terminateReason : CHILD_FAILED,
                        now);
            }
        }
        wake();
    }

    private void enforceTimeouts(Instant now) {
        for (Job j : active.values()) {
            if (j.status == JobStatus.RUNNING && j.timeoutSeconds != null && !j.timedOut
                    && j.attemptStartedAt != null
                    && !now.isBefore(j.attemptStartedAt.plusSeconds(j.timeoutSeconds))) {
                j.timedOut = true;
                persist(j);
                if (j.run != null) {
                    j.run.stop();
                }
            }
        }
    }
}
