package io.conflux.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Duration;

/**
 * What a job or an ECS task used, for the cost model: vCPU-seconds and GB-seconds over all its attempts, how long it
 * waited for capacity (RUNNABLE to STARTING) and how long it took to start (STARTING to RUNNING), and the pricing class
 * of where it ran (ON_DEMAND, SPOT, FARGATE, FARGATE_SPOT). Served on Conflux's own endpoint
 * ({@code GET /conflux/cluster/usage}), not in DescribeJobs: Step Functions hands DescribeJobs to workflows as
 * {@code .sync} output, which must stay as AWS shapes it.
 */
record Usage(String id, String name, String queue, String computeEnvironment, String pricingClass, double vcpus,
        int memoryMiB, int attempts, double runSeconds, double vcpuSeconds, double gbSeconds, Duration queueWait,
        Duration startLatency) {

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id).put("name", name);
        if (queue != null) {
            o.put("queue", queue);
        }
        if (computeEnvironment != null) {
            o.put("computeEnvironment", computeEnvironment);
        }
        o.put("pricingClass", pricingClass).put("vcpus", vcpus).put("memoryMiB", memoryMiB).put("attempts", attempts)
                .put("runSeconds", runSeconds).put("vcpuSeconds", vcpuSeconds).put("gbSeconds", gbSeconds)
                .put("queueWaitMillis", queueWait.toNanos() / 1e6)
                .put("startLatencyMillis", startLatency.toNanos() / 1e6);
        return o;
    }
}
