package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Batch resources jobs run with: compute environments, job queues and job definitions (every revision), by name,
 * with the rules Batch applies to creating, updating and deleting them. Names or ARNs resolve alike. Guarded by the
 * lock of {@link Batch}.
 */
final class BatchResources {
    private final Arns arns;
    private final ClusterStore store;
    private final Map<String, ComputeEnvironment> environments = new LinkedHashMap<>();
    private final Map<String, JobQueue> queues = new LinkedHashMap<>();
    private final Map<String, List<JobDefinition>> definitions = new LinkedHashMap<>();

    BatchResources(Arns arns, ClusterStore store) {
        this.arns = arns;
        this.store = store;
        for (JsonNode n : store.all("ce")) {
            ComputeEnvironment ce = ComputeEnvironment.create((ObjectNode) n.get("request"), arns,
                    n.get("uuid").asText());
            environments.put(ce.name(), ce);
        }
        for (JsonNode n : store.all("queue")) {
            queue(n);
        }
        List<JsonNode> defs = new ArrayList<>(store.all("jobdef"));
        defs.sort(java.util.Comparator.comparingInt(n -> n.get("revision").asInt()));
        for (JsonNode n : defs) {
            JobDefinition d = JobDefinition.register((ObjectNode) n.get("request"), n.get("revision").asInt(), arns);
            definitions.computeIfAbsent(d.name(), k -> new ArrayList<>())
                    .add(n.path("active").asBoolean(true) ? d : d.deregistered());
        }
    }

    Arns arns() {
        return arns;
    }

    // ---- compute environments ----------------------------------------------------------------------------------

    ComputeEnvironment environment(String ref) {
        String name = Arns.name(ref, "compute-environment");
        return name == null ? null : environments.get(name);
    }

    List<ComputeEnvironment> environments() {
        return List.copyOf(environments.values());
    }

    ComputeEnvironment create(ObjectNode r) {
        ComputeEnvironment ce = ComputeEnvironment.create(r, arns, UUID.randomUUID().toString());
        if (environments.containsKey(ce.name())) {
            throw ClusterFailure.client("Error executing request, Exception : Object already exists, compute "
                    + "environment " + ce.name());
        }
        save(ce);
        return ce;
    }

    ComputeEnvironment update(ObjectNode r) {
        ComputeEnvironment ce = requireEnvironment(ComputeEnvironment.required(r, "computeEnvironment"));
        ComputeEnvironment updated = ce.update(r);
        save(updated);
        return updated;
    }

    private void save(ComputeEnvironment ce) {
        environments.put(ce.name(), ce);
        ObjectNode n = io.conflux.asl.expr.Json.object().put("uuid", ce.uuid());
        n.set("request", ce.request());
        store.put("ce", ce.name(), n);
    }

    ComputeEnvironment deleteEnvironment(String ref) {
        ComputeEnvironment ce = requireEnvironment(ref);
        if (ce.enabled()) {
            throw ClusterFailure.client("Error executing request, Exception : Cannot delete, compute environment "
                    + ce.name() + " must be DISABLED first.");
        }
        for (JobQueue q : queues.values()) {
            if (q.computeEnvironments().contains(ce.arn())) {
                throw ClusterFailure.client("Error executing request, Exception : Cannot delete, found existing "
                        + "JobQueue relationship");
            }
        }
        environments.remove(ce.name());
        store.delete("ce", ce.name());
        return ce;
    }

    ComputeEnvironment requireEnvironment(String ref) {
        ComputeEnvironment ce = environment(ref);
        if (ce == null) {
            throw ClusterFailure.client("Error executing request, Exception : ComputeEnvironment " + ref
                    + " does not exist.");
        }
        return ce;
    }

    // ---- job queues --------------------------------------------------------------------------------------------

    JobQueue queue(String ref) {
        String name = Arns.name(ref, "job-queue");
        return name == null ? null : queues.get(name);
    }

    List<JobQueue> queues() {
        return List.copyOf(queues.values());
    }

    JobQueue createQueue(ObjectNode r) {
        String name = ComputeEnvironment.required(r, "jobQueueName");
        if (queues.containsKey(name)) {
            throw ClusterFailure.client("Error executing request, Exception : Object already exists, job queue "
                    + name);
        }
        if (!r.has("priority")) {
            throw ClusterFailure.client("Error executing request, Exception : priority must be specified.");
        }
        return queue(r);
    }

    private JobQueue queue(JsonNode r) {
        String name = r.get("jobQueueName").asText();
        JobQueue q = new JobQueue(name, arns.jobQueue(name), !r.path("state").asText("ENABLED").equals("DISABLED"),
                r.path("priority").asInt(), JobQueue.order(r.get("computeEnvironmentOrder"), this::environment),
                ComputeEnvironment.tags(r.get("tags")), (ObjectNode) r.deepCopy());
        queues.put(name, q);
        store.put("queue", name, q.request());
        return q;
    }

    JobQueue updateQueue(ObjectNode r) {
        JobQueue q = requireQueue(ComputeEnvironment.required(r, "jobQueue"));
        ObjectNode req = q.request().deepCopy();
        if (r.has("state")) {
            req.set("state", r.get("state"));
        }
        if (r.has("priority")) {
            req.set("priority", r.get("priority"));
        }
        if (r.has("computeEnvironmentOrder")) {
            req.set("computeEnvironmentOrder", r.get("computeEnvironmentOrder"));
        }
        return queue(req);
    }

    JobQueue deleteQueue(String ref) {
        JobQueue q = requireQueue(ref);
        queues.remove(q.name());
        store.delete("queue", q.name());
        return q;
    }

    JobQueue requireQueue(String ref) {
        JobQueue q = queue(ref);
        if (q == null) {
            throw ClusterFailure.client("Error executing request, Exception : JobQueue " + ref + " does not exist.");
        }
        return q;
    }

    // ---- job definitions ---------------------------------------------------------------------------------------

    /** {@code name} (its latest active revision), {@code name:revision}, or an ARN of either. */
    JobDefinition definition(String ref) {
        String nameRev = Arns.name(ref, "job-definition");
        if (nameRev == null) {
            return null;
        }
        return Revisions.find(definitions, nameRev, JobDefinition::active);
    }

    List<JobDefinition> definitions() {
        List<JobDefinition> all = new ArrayList<>();
        definitions.values().forEach(all::addAll);
        return all;
    }

    /** Registers a new revision; with {@code unlessSame}, returns the latest one when it was registered alike. */
    JobDefinition register(ObjectNode r, boolean unlessSame) {
        String name = ComputeEnvironment.required(r, "jobDefinitionName");
        List<JobDefinition> revs = definitions.computeIfAbsent(name, k -> new ArrayList<>());
        if (unlessSame && !revs.isEmpty() && revs.get(revs.size() - 1).active()
                && revs.get(revs.size() - 1).sameAs(r)) {
            return revs.get(revs.size() - 1);
        }
        JobDefinition d = JobDefinition.register(r, revs.size() + 1, arns);
        revs.add(d);
        persist(d);
        return d;
    }

    void deregister(String ref) {
        JobDefinition d = definition(ref);
        if (d == null) {
            throw ClusterFailure.client("Error executing request, Exception : Job definition " + ref
                    + " does not exist.");
        }
        JobDefinition gone = d.deregistered();
        definitions.get(d.name()).set(d.revision() - 1, gone);
        persist(gone);
    }

    private void persist(JobDefinition d) {
        ObjectNode n = io.conflux.asl.expr.Json.object().put("revision", d.revision()).put("active", d.active());
        n.set("request", d.request());
        store.put("jobdef", d.name() + ":" + d.revision(), n);
    }
}
