package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ListJobs: the jobs of a queue (array children left out) or the children of an array job, by status (RUNNING when
 * none is given, as on Batch) or by filters (JOB_NAME with a trailing {@code *}, JOB_DEFINITION, BEFORE_CREATED_AT,
 * AFTER_CREATED_AT; with filters, every status), in submission order, a page at a time.
 */
final class JobListing {
    private JobListing() {}

    static ObjectNode list(ObjectNode r, BatchResources resources, Map<String, Job> jobs) {
        String queueRef = r.path("jobQueue").asText(null);
        String arrayJobId = r.path("arrayJobId").asText(null);
        if (queueRef == null && arrayJobId == null && !r.has("multiNodeJobId")) {
            throw ClusterFailure.client("Error executing request, Exception : jobQueue, arrayJobId or multiNodeJobId "
                    + "must be specified.");
        }
        List<Job> candidates = new ArrayList<>();
        if (arrayJobId != null) {
            Job parent = jobs.get(arrayJobId);
            if (parent != null) {
                parent.children.forEach(c -> candidates.add(jobs.get(c)));
            }
        } else if (queueRef != null) {
            JobQueue q = resources.queue(queueRef);
            if (q == null) {
                throw ClusterFailure.client("Error executing request, Exception : JobQueue " + queueRef
                        + " does not exist.");
            }
            for (Job j : jobs.values()) {
                if (j.queueArn.equals(q.arn()) && j.parentId == null) {
                    candidates.add(j);
                }
            }
        }
        candidates.sort(Comparator.comparingLong(j -> j.seq));
        List<Job> matched = new ArrayList<>();
        JsonNode filters = r.get("filters");
        boolean filtered = filters != null && filters.isArray() && !filters.isEmpty();
        String status = r.path("jobStatus").asText("RUNNING");
        for (Job j : candidates) {
            if (filtered ? matches(j, filters) : j.status.name().equals(status)) {
                matched.add(j);
            }
        }
        int start = decodeToken(r.path("nextToken").asText(null));
        int max = r.path("maxResults").asInt(100);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("jobSummaryList");
        int end = Math.min(matched.size(), start + Math.max(1, max));
        for (int i = start; i < end; i++) {
            list.add(JobJson.summary(matched.get(i)));
        }
        if (end < matched.size()) {
            out.put("nextToken", java.util.Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()));
        }
        return out;
    }

    private static int decodeToken(String token) {
        if (token == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(java.util.Base64.getDecoder().decode(token)));
        } catch (IllegalArgumentException e) {
            throw ClusterFailure.client("Error executing request, Exception : Invalid nextToken.");
        }
    }

    private static boolean matches(Job j, JsonNode filters) {
        for (JsonNode f : filters) {
            List<String> values = ContainerSpec.strings(f.get("values"));
            String v = values.isEmpty() ? "" : values.get(0);
            boolean ok = switch (f.path("name").asText()) {
                case "JOB_NAME" -> v.endsWith("*") ? j.name.startsWith(v.substring(0, v.length() - 1))
                        : j.name.equals(v);
                case "JOB_DEFINITION" -> j.definitionArn.equals(v) || j.definitionArn.contains(":job-definition/" + v
                        + (v.contains(":") ? "" : ":"));
                case "BEFORE_CREATED_AT" -> j.createdAt.toEpochMilli() < Long.parseLong(v);
                case "AFTER_CREATED_AT" -> j.createdAt.toEpochMilli() > Long.parseLong(v);
                default -> throw ClusterFailure.client("Error executing request, Exception : Unknown filter "
                        + f.path("name").asText() + ".");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

}
