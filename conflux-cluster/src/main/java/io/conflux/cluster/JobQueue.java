package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A job queue: its priority among queues sharing compute environments (higher goes first), the compute environments
 * it places jobs on in order, and whether it takes jobs (a DISABLED queue keeps its jobs but starts none).
 *
 * @param computeEnvironments ARNs, in the order the queue tries them
 */
record JobQueue(String name, String arn, boolean enabled, int priority, List<String> computeEnvironments,
        Map<String, String> tags, ObjectNode request) {

    JobQueue {
        computeEnvironments = List.copyOf(computeEnvironments);
    }

    /** Reads {@code computeEnvironmentOrder}: {@code [{order, computeEnvironment}]}, names or ARNs, sorted by order. */
    static List<String> order(JsonNode n, java.util.function.Function<String, ComputeEnvironment> resolve) {
        record Entry(int order, String arn) {}
        List<Entry> entries = new ArrayList<>();
        if (n != null) {
            for (JsonNode e : n) {
                String ref = e.path("computeEnvironment").asText("");
                ComputeEnvironment ce = resolve.apply(ref);
                if (ce == null) {
                    throw ClusterFailure.client("Error executing request, Exception : computeEnvironment " + ref
                            + " does not exist.");
                }
                entries.add(new Entry(e.path("order").asInt(entries.size() + 1), ce.arn()));
            }
        }
        if (entries.isEmpty()) {
            throw ClusterFailure.client("Error executing request, Exception : computeEnvironmentOrder must contain at "
                    + "least one compute environment.");
        }
        entries.sort(Comparator.comparingInt(Entry::order));
        return entries.stream().map(Entry::arn).toList();
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("jobQueueName", name);
        o.put("jobQueueArn", arn);
        o.put("state", enabled ? "ENABLED" : "DISABLED");
        o.put("status", "VALID");
        o.put("statusReason", "JobQueue Healthy");
        o.put("priority", priority);
        var order = o.putArray("computeEnvironmentOrder");
        for (int i = 0; i < computeEnvironments.size(); i++) {
            order.addObject().put("order", i + 1).put("computeEnvironment", computeEnvironments.get(i));
        }
        ObjectNode t = o.putObject("tags");
        tags.forEach(t::put);
        o.put("jobQueueType", "ECS");
        o.putArray("jobStateTimeLimitActions");
        return o;
    }
}
