package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * SubmitJob's request checked as Batch checks it and turned into jobs: the job definition's container with the
 * submission's overrides, parameters, retry strategy and timeout; for an array job, the parent and one child per index
 * with their dependencies (SEQUENTIAL on the previous child, N_TO_N on the same index of another array job).
 */
final class Submission {
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private Submission() {}

    /** The jobs a submission makes, the submitted one first. */
    static List<Job> jobs(ObjectNode r, String syncToken, BatchResources resources, Function<String, Job> jobs,
            Instant now, LongSupplier seq) {
        String name = ComputeEnvironment.required(r, "jobName");
        if (!JOB_NAME.matcher(name).matches()) {
            throw ClusterFailure.client("Error executing request, Exception : Job name should match valid pattern");
        }
        JobQueue queue = resources.queue(ComputeEnvironment.required(r, "jobQueue"));
        if (queue == null) {
            throw ClusterFailure.client("Error executing request, Exception : JobQueue " + r.get("jobQueue").asText()
                    + " does not exist.");
        }
        String defRef = ComputeEnvironment.required(r, "jobDefinition");
        JobDefinition def = resources.definition(defRef);
        if (def == null || !def.active()) {
            throw ClusterFailure.client("Error executing request, Exception : Job definition " + defRef
                    + " does not exist or is INACTIVE.");
        }
        ObjectNode parameters = def.parameters().deepCopy();
        if (r.get("parameters") instanceof ObjectNode p) {
            parameters.setAll(p);
        }
        ContainerSpec container = def.container().override(r.get("containerOverrides"));
        container.commandWith(parameters); // fails now on an unknown Ref::
        RetryStrategy retry = r.has("retryStrategy") ? RetryStrategy.parse(r.get("retryStrategy"), "retryStrategy")
                : def.retryStrategy() != null ? def.retryStrategy() : RetryStrategy.ONCE;
        Integer timeout = r.path("timeout").has("attemptDurationSeconds")
                ? Integer.valueOf(r.path("timeout").path("attemptDurationSeconds").asInt()) : def.timeoutSeconds();
        ObjectNode tags = r.get("tags") instanceof ObjectNode t ? t.deepCopy() : Json.object();
        boolean propagate = r.has("propagateTags") ? r.get("propagateTags").asBoolean()
                : def.request().path("propagateTags").asBoolean(false);
        List<Job.Dependency> deps = new ArrayList<>();
        for (JsonNode d : r.path("dependsOn")) {
            String id = d.path("jobId").asText(null);
            if (id != null && jobs.apply(id) == null) {
                throw ClusterFailure.client("Error executing request, Exception : Dependent job " + id
                        + " does not exist.");
            }
            deps.add(new Job.Dependency(id, d.path("type").asText(null)));
        }
        if (deps.size() > 20) {
            throw ClusterFailure.client("Error executing request, Exception : A job can depend on at most 20 jobs.");
        }
        Integer size = r.path("arrayProperties").has("size") ? r.path("arrayProperties").get("size").asInt() : null;
        if (size != null && (size < 2 || size > 10_000)) {
            throw ClusterFailure.client("Error executing request, Exception : Array size must be between 2 and "
                    + "10000.");
        }
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, resources.arns().job(id), name, queue.arn(), def.arn(), seq.getAsLong(), container, parameters,
                retry, timeout, tags, propagate, deps, size, null, null, now, syncToken);
        List<Job> made = new ArrayList<>();
        made.add(job);
        if (size != null) {
            job.status = JobStatus.PENDING;
            for (int i = 0; i < size; i++) {
                String cid = id + ":" + i;
                List<Job.Dependency> cdeps = new ArrayList<>();
                for (Job.Dependency d : deps) {
                    Job target = d.jobId() == null ? null : jobs.apply(d.jobId());
                    if ("SEQUENTIAL".equals(d.type()) && d.jobId() == null) {
                        if (i > 0) {
                            cdeps.add(new Job.Dependency(id + ":" + (i - 1), "SEQUENTIAL"));
                        }
                    } else if ("N_TO_N".equals(d.type()) && target != null && target.isArrayParent()) {
                        cdeps.add(new Job.Dependency(target.children.get(Math.min(i, target.children.size() - 1)),
                                null));
                    } else {
                        cdeps.add(new Job.Dependency(d.jobId(), null));
                    }
                }
                Job child = new Job(cid, job.arn + ":" + i, name, queue.arn(), def.arn(), seq.getAsLong(), container,
                        parameters, retry, timeout, tags, propagate, cdeps, null, i, id, now, null);
                job.children.add(cid);
                made.add(child);
            }
        }
        return made;
    }

}
