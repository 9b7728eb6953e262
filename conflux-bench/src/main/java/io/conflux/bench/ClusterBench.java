package io.conflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.cluster.ClusterExtension;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster on the local executor, through Batch's REST API as a client sees it: job start latency (RUNNABLE to
 * RUNNING, from the usage Conflux records per job: queue wait plus start latency) with capacity to spare, one job at a
 * time; then jobs per second through one queue, {@code true} as the job, submitted all at once.
 */
final class ClusterBench {
    private final double scale;
    private final Figures out = new Figures("conflux-0.1.0:cluster-local");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String endpoint;

    ClusterBench(double scale) {
        this.scale = scale;
    }

    private int scaled(int n) {
        return Math.max(1, (int) Math.round(n * scale));
    }

    void run() throws Exception {
        var logs = Files.createTempDirectory("conflux-bench-cluster");
        try (ConfluxServer server = ConfluxServer.start(ServerConfig.builder().port(0)
                .extension(ClusterExtension.builder().logDir(logs).build()).build())) {
            endpoint = server.endpoint();
            int cpus = Runtime.getRuntime().availableProcessors();
            post("createcomputeenvironment", """
                    {"computeEnvironmentName":"ce","type":"MANAGED","computeResources":{"type":"EC2","minvCpus":0,
                     "maxvCpus":%d,"subnets":[]}}""".formatted(cpus * 2));
            post("createjobqueue", """
                    {"jobQueueName":"q","priority":1,"computeEnvironmentOrder":[{"order":1,"computeEnvironment":"ce"}]}""");
            post("registerjobdefinition", """
                    {"jobDefinitionName":"noop","type":"container","containerProperties":{"command":["true"],
                     "vcpus":1,"memory":64}}""");
            latency(scaled(20), false);
            latency(scaled(200), true);
            throughput(scaled(100), false);
            throughput(scaled(1000), true);
        }
    }

    private void latency(int n, boolean report) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = submit("lat-" + i);
            ids.add(id);
            while (!status(id).equals("SUCCEEDED")) {
                Thread.sleep(1);
            }
        }
        if (!report) {
            return;
        }
        Set<String> wanted = new HashSet<>(ids);
        JsonNode usage = get("/conflux/cluster/usage");
        long[] nanos = new long[n];
        int k = 0;
        for (JsonNode u : usage.get("jobs")) {
            if (wanted.contains(u.get("id").asText())) {
                nanos[k++] = (long) ((u.get("queueWaitMillis").asDouble() + u.get("startLatencyMillis").asDouble())
                        * 1e6);
            }
        }
        out.emit("cluster-start", "runnable_to_running_p50", Figures.percentileMs(nanos, 50), "ms");
        out.emit("cluster-start", "runnable_to_running_p90", Figures.percentileMs(nanos, 90), "ms");
        out.emit("cluster-start", "runnable_to_running_p99", Figures.percentileMs(nanos, 99), "ms");
        Figures.log("cluster: RUNNABLE to RUNNING p50 %.2f ms, p99 %.2f ms over %d jobs one at a time",
                Figures.percentileMs(nanos, 50), Figures.percentileMs(nanos, 99), n);
    }

    private void throughput(int n, boolean report) throws Exception {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(submit("tp-" + i));
        }
        double submitSecs = (System.nanoTime() - start) / 1e9;
        Set<String> pending = new HashSet<>(ids);
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>(pending).subList(0, Math.min(100, pending.size()));
            ObjectNode req = Json.object();
            batch.forEach(req.putArray("jobs")::add);
            for (JsonNode j : post("describejobs", Json.write(req)).get("jobs")) {
                String st = j.get("status").asText();
                if (st.equals("FAILED")) {
                    throw new IllegalStateException("Expected jobs to succeed, but " + j);
                }
                if (st.equals("SUCCEEDED")) {
                    pending.remove(j.get("jobId").asText());
                }
            }
            Thread.sleep(5);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (report) {
            out.emit("cluster-queue", "jobs_per_s", n / secs, "1/s");
            out.emit("cluster-queue", "submits_per_s", n / submitSecs, "1/s");
            Figures.log("cluster: %d jobs through one queue in %.2f s: %.0f jobs/s (submitting: %.0f/s)", n, secs,
                    n / secs, n / submitSecs);
        }
    }

    private String submit(String name) throws Exception {
        return post("submitjob", "{\"jobName\":\"" + name + "\",\"jobQueue\":\"q\",\"jobDefinition\":\"noop\"}")
                .get("jobId").asText();
    }

    private String status(String id) throws Exception {
        return post("describejobs", "{\"jobs\":[\"" + id + "\"]}").get("jobs").get(0).get("status").asText();
    }

    private JsonNode post(String op, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/v1/" + op))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(op + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body());
    }

    private JsonNode get(String path) throws Exception {
        return Json.parse(http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
