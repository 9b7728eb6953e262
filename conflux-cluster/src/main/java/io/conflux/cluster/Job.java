package io.conflux.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Batch job and where it stands. Mutable, and only ever touched under the lock of {@link Batch}; what the APIs
 * show of it is built by {@link JobJson} under the same lock.
 */
final class Job {
    /** A finished attempt, as DescribeJobs lists it. */
    record Attempt(Instant startedAt, Instant stoppedAt, Integer exitCode, String reason, String statusReason,
            String logStreamName) {}

    /** {@code dependsOn}: another job, or (SEQUENTIAL with no id, on an array job) the previous child. */
    record Dependency(String jobId, String type) {}

    final String id;
    final String arn;
    final String name;
    final String queueArn;
    final String definitionArn;
    final long seq;
    final ContainerSpec container;
    final ObjectNode parameters;
    final RetryStrategy retry;
    final Integer timeoutSeconds;
    final ObjectNode tags;
    final boolean propagateTags;
    final List<Dependency> dependsOn;
    /** The size of an array job (on the parent), else null. */
    final Integer arraySize;
    /** The index of a child of an array job, else null. */
    final Integer arrayIndex;
    final String parentId;
    final List<String> children = new ArrayList<>();
    final Instant createdAt;
    /** The task token of the Task state waiting for this job ({@code .sync}), to find it again after a restart. */
    final String syncToken;

    JobStatus status = JobStatus.SUBMITTED;
    String statusReason;
    Instant startedAt;
    Instant stoppedAt;
    Instant runnableAt;
    Instant placedAt;
    /** When the running attempt started (RUNNING); its timeout counts from here. */
    Instant attemptStartedAt;
    final List<Attempt> attempts = new ArrayList<>();
    /** The compute environment the running attempt is placed on. */
    String ceArn;
    /** Attempts started so far (finished ones plus the running one). */
    int attemptNo;
    boolean timedOut;
    String terminateReason;
    boolean cancelled;
    boolean terminated;
    Integer exitCode;
    String containerReason;
    String logStreamName;
    long queueWaitNanos;
    long startLatencyNanos;
    long runMillis;
    transient JobExecutor executor;
    transient JobExecutor.Run run;

    Job(String id, String arn, String name, String queueArn, String definitionArn, long seq, ContainerSpec container,
            ObjectNode parameters, RetryStrategy retry, Integer timeoutSeconds, ObjectNode tags, boolean propagateTags,
            List<Dependency> dependsOn, Integer arraySize, Integer arrayIndex, String parentId, Instant createdAt,
            String syncToken) {
        this.id = id;
        this.arn = arn;
        this.name = name;
        this.queueArn = queueArn;
        this.definitionArn = definitionArn;
        this.seq = seq;
        this.container = container;
        this.parameters = parameters;
        this.retry = retry;
        this.timeoutSeconds = timeoutSeconds;
        this.tags = tags;
        this.propagateTags = propagateTags;
        this.dependsOn = List.copyOf(dependsOn);
        this.arraySize = arraySize;
        this.arrayIndex = arrayIndex;
        this.parentId = parentId;
        this.createdAt = createdAt;
        this.syncToken = syncToken;
    }

    boolean isArrayParent() {
        return arraySize != null;
    }

    /** The run of the current attempt, for executors and log files. */
    String runId() {
        return id + "-" + attemptNo;
    }

    String runId(int attempt) {
        return id + "-" + attempt;
    }

    /** What the job has used so far: the cost model prices it by its compute environment's class. */
    Usage usage(String pricingClass) {
        double seconds = runMillis / 1000.0;
        return new Usage(id, name, queueArn, ceArn, pricingClass, container.vcpus(), container.memoryMiB(),
                attempts.size(), seconds, seconds * container.vcpus(), seconds * container.memoryMiB() / 1024.0,
                Duration.ofNanos(queueWaitNanos), Duration.ofNanos(startLatencyNanos));
    }
}
