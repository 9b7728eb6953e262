package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.project.ProjectException;
import io.conflux.server.project.ProjectSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project sections the cluster owns, turned into the same requests the Batch and ECS APIs take, so a deployed
 * resource is exactly what the API would make. Applying a section twice changes nothing: an unchanged job or task
 * definition registers no new revision.
 *
 * <pre>
 * computeEnvironments:
 *   local:
 *     type: EC2              # EC2 or FARGATE (on-demand pricing), SPOT or FARGATE_SPOT
 *     minvCpus: 0
 *     maxvCpus: 4
 *     idleSeconds: 60        # idle time before it scales back down to minvCpus
 *     executor: local        # local | docker | {kubernetes: {namespace: jobs}}
 * jobQueues:
 *   work: {priority: 10, computeEnvironments: [local]}
 * jobDefinitions:
 *   resize:
 *     command: [sh, -c, "echo resizing $FILE"]
 *     image: alpine:3        # for the docker and kubernetes executors
 *     vcpus: 1
 *     memory: 512            # MiB
 *     timeout: 600           # seconds per attempt
 *     retryStrategy: {attempts: 3, evaluateOnExit: [{onExitCode: "2", action: EXIT}]}
 *     environment: {FILE: a.png}
 * clusters: [default]        # or {name: {executor: docker}}
 * taskDefinitions:
 *   report:
 *     cpu: "256"
 *     memory: "512"
 *     containerDefinitions: [{name: main, image: alpine:3, command: [echo, hi]}]
 * </pre>
 */
final class ClusterSections {
    static final Set<String> NAMES = Set.of("computeEnvironments", "jobQueues", "jobDefinitions", "clusters",
            "taskDefinitions");

    private final Batch batch;
    private final Ecs ecs;

    ClusterSections(Batch batch, Ecs ecs) {
        this.batch = batch;
        this.ecs = ecs;
    }

    List<String> apply(ProjectSection s) {
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode v = s.value();
        if (s.name().equals("clusters") && v.isArray()) {
            ObjectNode asMap = Json.object();
            v.forEach(n -> asMap.putObject(n.asText()));
            v = asMap;
        }
        if (!v.isObject()) {
            throw new ProjectException(s.pointer() + ": expected a mapping of names to their settings, but found "
                    + v.getNodeType());
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String name = e.getKey();
            JsonNode spec = e.getValue() == null || e.getValue().isNull() ? Json.object() : e.getValue();
            try {
                done.add(switch (s.name()) {
                    case "computeEnvironments" -> computeEnvironment(name, spec);
                    case "jobQueues" -> jobQueue(name, spec);
                    case "jobDefinitions" -> jobDefinition(name, spec);
                    case "clusters" -> cluster(name, spec);
                    case "taskDefinitions" -> taskDefinition(name, spec);
                    default -> throw new IllegalArgumentException("Not a cluster section: " + s.name());
                });
            } catch (ClusterFailure f) {
                problems.add(s.pointer(name) + ": " + f.getMessage());
            } catch (RuntimeException ex) {
                problems.add(s.pointer(name) + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return done;
    }

    /** The tags choosing an executor: {@code local}, {@code docker}, or {@code {kubernetes: {namespace: …}}}. */
    private static void executorTags(JsonNode spec, ObjectNode tags) {
        JsonNode ex = spec.get("executor");
        if (ex == null) {
            return;
        }
        if (ex.isTextual()) {
            tags.put(ExecutorSpec.TAG, ex.asText());
        } else if (ex.isObject() && ex.has("kubernetes")) {
            tags.put(ExecutorSpec.TAG, "kubernetes");
            tags.put(ExecutorSpec.NAMESPACE_TAG, ex.get("kubernetes").path("namespace").asText("default"));
        } else if (ex.isObject() && ex.has("docker")) {
            tags.put(ExecutorSpec.TAG, "docker");
        } else {
            throw ClusterFailure.client("executor must be local, docker or {kubernetes: {namespace: …}}");
        }
    }

    private String computeEnvironment(String name, JsonNode spec) {
        ObjectNode r = Json.object().put("computeEnvironmentName", name).put("type", "MANAGED")
                .put("state", spec.path("state").asText("ENABLED"));
        ObjectNode cr = r.putObject("computeResources");
        cr.put("type", spec.path("type").asText("EC2"));
        cr.put("minvCpus", spec.path("minvCpus").asInt(0));
        cr.put("maxvCpus", spec.path("maxvCpus").asInt(Runtime.getRuntime().availableProcessors()));
        cr.put("desiredvCpus", spec.path("desiredvCpus").asInt(spec.path("minvCpus").asInt(0)));
        cr.putArray("subnets");
        ObjectNode tags = r.putObject("tags");
        if (spec.get("tags") instanceof ObjectNode t) {
            tags.setAll(t);
        }
        executorTags(spec, tags);
        if (spec.has("idleSeconds")) {
            tags.put(ComputeEnvironment.IDLE_TAG, spec.get("idleSeconds").asText());
        }
        List<ObjectNode> existing = batch.describeComputeEnvironments(List.of(name));
        if (existing.isEmpty()) {
            batch.createComputeEnvironment(r);
            return "compute environment " + name + ": created";
        }
        ObjectNode now = existing.get(0);
        if (!now.get("tags").equals(tags) || !now.path("computeResources").path("type").asText()
                .equals(cr.get("type").asText())) {
            throw ClusterFailure.client("the compute environment exists with another type or executor; delete it "
                    + "first (its type and executor cannot change)");
        }
        JsonNode ncr = now.get("computeResources");
        if (ncr.get("minvCpus").asInt() == cr.get("minvCpus").asInt()
                && ncr.get("maxvCpus").asInt() == cr.get("maxvCpus").asInt()
                && now.get("state").asText().equals(r.get("state").asText())) {
            return "compute environment " + name + ": unchanged";
        }
        ObjectNode u = Json.object().put("computeEnvironment", name).put("state", r.get("state").asText());
        u.putObject("computeResources").put("minvCpus", cr.get("minvCpus").asInt())
                .put("maxvCpus", cr.get("maxvCpus").asInt());
        batch.updateComputeEnvironment(u);
        return "compute environment " + name + ": updated";
    }

    private String jobQueue(String name, JsonNode spec) {
        ArrayNode order = Json.array();
        int i = 1;
        for (JsonNode ce : spec.path("computeEnvironments")) {
            order.addObject().put("order", i++).put("computeEnvironment", ce.asText());
        }
        int priority = spec.path("priority").asInt(1);
        String state = spec.path("state").asText("ENABLED");
        List<ObjectNode> existing = batch.describeJobQueues(List.of(name));
        if (existing.isEmpty()) {
            ObjectNode r = Json.object().put("jobQueueName", name).put("priority", priority).put("state", state);
            r.set("computeEnvironmentOrder", order);
            batch.createJobQueue(r);
            return "job queue " + name + ": created";
        }
        ObjectNode u = Json.object().put("jobQueue", name).put("priority", priority).put("state", state);
        u.set("computeEnvironmentOrder", order);
        ObjectNode before = existing.get(0);
        batch.updateJobQueue(u);
        return "job queue " + name + ": " + (before.equals(batch.describeJobQueues(List.of(name)).get(0))
                ? "unchanged" : "updated");
    }

    private String jobDefinition(String name, JsonNode spec) {
        ObjectNode r = Json.object().put("jobDefinitionName", name).put("type", "container");
        ObjectNode cp = spec.get("containerProperties") instanceof ObjectNode given ? given.deepCopy()
                : Json.object();
        if (spec.has("image")) {
            cp.put("image", spec.get("image").asText());
        }
        if (spec.has("command")) {
            JsonNode c = spec.get("command");
            cp.set("command", c.isTextual() ? Json.array().add("sh").add("-c").add(c.asText()) : c.deepCopy());
        }
        if (spec.has("vcpus")) {
            cp.put("vcpus", spec.get("vcpus").asDouble());
        }
        if (spec.has("memory")) {
            cp.put("memory", spec.get("memory").asInt());
        }
        if (spec.has("gpus")) {
            cp.putArray("resourceRequirements").addObject().put("type", "GPU").put("value",
                    spec.get("gpus").asText());
        }
        if (spec.get("environment") instanceof ObjectNode env) {
            ArrayNode list = cp.putArray("environment");
            env.properties().forEach(e -> list.addObject().put("name", e.getKey()).put("value", e.getValue().asText()));
        }
        r.set("containerProperties", cp);
        if (spec.has("timeout")) {
            r.putObject("timeout").put("attemptDurationSeconds", spec.get("timeout").asInt());
        }
        if (spec.has("retryStrategy")) {
            r.set("retryStrategy", spec.get("retryStrategy").deepCopy());
        }
        if (spec.has("parameters")) {
            r.set("parameters", spec.get("parameters").deepCopy());
        }
        int before = batch.describeJobDefinitions(Json.object().put("jobDefinitionName", name)).size();
        ObjectNode out = batch.registerJobDefinition(r, true);
        return "job definition " + name + ": " + (out.get("revision").asInt() > before ? "registered revision "
                + out.get("revision").asInt() : "unchanged");
    }

    private String cluster(String name, JsonNode spec) {
        ObjectNode r = Json.object().put("clusterName", name);
        ObjectNode tags = Json.object();
        executorTags(spec, tags);
        if (!tags.isEmpty()) {
            ArrayNode t = r.putArray("tags");
            tags.properties().forEach(e -> t.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
        }
        boolean existed = !ecs.describeClusters(Json.object().set("clusters", Json.array().add(name)))
                .get("clusters").isEmpty();
        ecs.createCluster(r);
        return "cluster " + name + ": " + (existed ? "unchanged" : "created");
    }

    private String taskDefinition(String family, JsonNode spec) {
        ObjectNode r = spec.deepCopy() instanceof ObjectNode o ? o : Json.object();
        r.put("family", family);
        if (!r.has("containerDefinitions")) {
            ObjectNode c = Json.object().put("name", "main");
            for (String f : List.of("image", "command", "environment")) {
                if (r.has(f)) {
                    c.set(f, r.remove(f));
                }
            }
            if (c.get("environment") instanceof ObjectNode env) {
                ArrayNode list = Json.array();
                env.properties().forEach(e -> list.addObject().put("name", e.getKey())
                        .put("value", e.getValue().asText()));
                c.set("environment", list);
            }
            if (c.get("command") instanceof JsonNode cmd && cmd.isTextual()) {
                c.set("command", Json.array().add("sh").add("-c").add(cmd.asText()));
            }
            r.putArray("containerDefinitions").add(c);
        }
        for (String f : List.of("cpu", "memory")) {
            if (r.has(f) && !r.get(f).isTextual()) {
                r.put(f, r.get(f).asText());
            }
        }
        ObjectNode out = ecs.registerTaskDefinition(r, true);
        int rev = out.get("taskDefinition").get("revision").asInt();
        return "task definition " + family + ": revision " + rev;
    }
}
