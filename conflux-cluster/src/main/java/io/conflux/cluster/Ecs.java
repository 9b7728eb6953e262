package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECS as Fargate offers it: clusters, task definitions, and tasks that start at once (no queue, no capacity to wait
 * for) on the cluster's executor. A task stops when an essential container exits; its other containers are stopped
 * with it. State is guarded by this object's lock and written through to the cluster store.
 */
final class Ecs {
    private static final Logger LOG = LoggerFactory.getLogger(Ecs.class);
    static final String DEFAULT_CLUSTER = "default";

    /** A cluster: only a name and where its tasks run. */
    record Cluster(String name, String arn, ExecutorSpec executor, ObjectNode request) {}

    /** A revision of a task definition. */
    record TaskDefinition(String family, int revision, String arn, boolean active, ObjectNode request,
            Instant registeredAt) {}

    private final Clock clock;
    private final Arns arns;
    private final ClusterStore store;
    private final Function<ExecutorSpec, JobExecutor> executors;
    private final String nodeId;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<TaskDefinition>> definitions = new LinkedHashMap<>();
    private final Map<String, EcsTask> tasks = new LinkedHashMap<>();
    private final Map<String, List<Consumer<EcsTask>>> waiters = new HashMap<>();
    private final Map<String, String> bySyncToken = new HashMap<>();
    private volatile boolean closed;

    Ecs(Clock clock, Arns arns, ClusterStore store, Function<ExecutorSpec, JobExecutor> executors, String nodeId) {
        this.clock = clock;
        this.arns = arns;
        this.store = store;
        this.executors = executors;
        this.nodeId = nodeId;
    }

    /** Reads what a durable server kept; tasks that were running died with the server. */
    synchronized void recover() {
        for (JsonNode n : store.all("cluster")) {
            cluster((ObjectNode) n);
        }
        List<JsonNode> defs = new ArrayList<>(store.all("taskdef"));
        defs.sort(java.util.Comparator.comparingInt(n -> n.get("revision").asInt()));
        for (JsonNode n : defs) {
            String family = n.get("request").get("family").asText();
            List<TaskDefinition> revs = definitions.computeIfAbsent(family, k -> new ArrayList<>());
            revs.add(new TaskDefinition(family, n.get("revision").asInt(), arns.taskDefinition(family,
                    n.get("revision").asInt()), n.path("active").asBoolean(true), (ObjectNode) n.get("request"),
                    Instant.ofEpochMilli(n.path("registeredAt").asLong())));
        }
        Instant now = clock.instant();
        for (JsonNode n : store.all("task")) {
            EcsTask t = restore(n);
            tasks.put(t.arn, t);
            if (t.syncToken != null) {
                bySyncToken.put(t.syncToken, t.arn);
            }
            if (!t.stopped()) {
                for (EcsTask.Container c : t.containers) {
                    c.ended = true;
                    c.lastStatus = "STOPPED";
                }
                stop(t, "TerminationNotice", "Host EC2 (instance " + nodeId + ") terminated.", now);
            }
        }
    }

    // ---- clusters ----------------------------------------------------------------------------------------------

    synchronized ObjectNode createCluster(ObjectNode r) {
        String name = r.path("clusterName").asText(DEFAULT_CLUSTER);
        Cluster c = clusters.get(name);
        if (c == null) {
            c = cluster(r.deepCopy().put("clusterName", name));
            store.put("cluster", name, c.request());
        }
        return Json.object().set("cluster", clusterJson(c));
    }

    private Cluster cluster(ObjectNode r) {
        String name = r.get("clusterName").asText();
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : r.path("tags")) {
            tags.put(t.path("key").asText(), t.path("value").asText());
        }
        Cluster c = new Cluster(name, arns.cluster(name), ExecutorSpec.fromTags(tags), r);
        clusters.put(name, c);
        return c;
    }

    /** A cluster by name or ARN; {@code default} always exists. */
    private Cluster cluster(String ref, boolean createMissing) {
        String name = ref == null ? DEFAULT_CLUSTER : Arns.name(ref, "cluster");
        if (name == null) {
            throw new ClusterFailure("InvalidParameterException", "Invalid identifier: Unexpected ARN: " + ref);
        }
        Cluster c = clusters.get(name);
        if (c == null && (createMissing || name.equals(DEFAULT_CLUSTER))) {
            c = cluster(Json.object().put("clusterName", name));
            store.put("cluster", name, c.request());
        }
        if (c == null) {
            throw new ClusterFailure("ClusterNotFoundException", "Cluster not found.");
        }
        return c;
    }

    private ObjectNode clusterJson(Cluster c) {
        int running = 0;
        int pending = 0;
        for (EcsTask t : tasks.values()) {
            if (t.clusterArn.equals(c.arn())) {
                running += t.lastStatus.equals("RUNNING") ? 1 : 0;
                pending += t.lastStatus.equals("PROVISIONING") || t.lastStatus.equals("PENDING") ? 1 : 0;
            }
        }
        ObjectNode o = Json.object();
        o.put("clusterArn", c.arn()).put("clusterName", c.name()).put("status", "ACTIVE")
                .put("registeredContainerInstancesCount", 0).put("runningTasksCount", running)
                .put("pendingTasksCount", pending).put("activeServicesCount", 0);
        o.putArray("statistics");
        o.set("tags", c.request().has("tags") ? c.request().get("tags").deepCopy() : Json.array());
        o.set("settings", c.request().has("settings") ? c.request().get("settings").deepCopy()
                : Json.array().add(Json.object().put("name", "containerInsights").put("value", "disabled")));
        o.putArray("capacityProviders").add("FARGATE").add("FARGATE_SPOT");
        o.putArray("defaultCapacityProviderStrategy");
        return o;
    }

    synchronized ObjectNode describeClusters(ObjectNode r) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        List<String> refs = ContainerSpec.strings(r.get("clusters"));
        if (refs.isEmpty()) {
            refs = List.of(DEFAULT_CLUSTER);
        }
        for (String ref : refs) {
            String name = Arns.name(ref, "cluster");
            Cluster c = name == null ? null : clusters.get(name);
            if (c == null && DEFAULT_CLUSTER.equals(name)) {
                c = cluster(DEFAULT_CLUSTER, true);
            }
            if (c == null) {
                failures.addObject().put("arn", ref.startsWith("arn:") ? ref : arns.cluster(ref))
                        .put("reason", "MISSING");
            } else {
                list.add(clusterJson(c));
            }
        }
        return out;
    }

    // ---- task definitions --------------------------------------------------------------------------------------

    synchronized ObjectNode registerTaskDefinition(ObjectNode r, boolean unlessSame) {
        String family = r.path("family").asText("");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new ClusterFailure("ClientException", "Family contains invalid characters or is too long.");
        }
        if (!(r.get("containerDefinitions") instanceof ArrayNode defs) || defs.isEmpty()) {
            throw new ClusterFailure("ClientException", "Container list cannot be empty.");
        }
        for (JsonNode d : defs) {
            if (!d.hasNonNull("name")) {
                throw new ClusterFailure("ClientException", "Container.name should not be null or empty.");
            }
        }
        List<TaskDefinition> revs = definitions.computeIfAbsent(family, k -> new ArrayList<>());
        if (unlessSame && !revs.isEmpty() && revs.get(revs.size() - 1).request().equals(r)) {
            return Json.object().set("taskDefinition", definitionJson(revs.get(revs.size() - 1)));
        }
        int rev = revs.size() + 1;
        TaskDefinition td = new TaskDefinition(family, rev, arns.taskDefinition(family, rev), true, r.deepCopy(),
                clock.instant());
        revs.add(td);
        ObjectNode n = Json.object().put("revision", rev).put("active", true)
                .put("registeredAt", td.registeredAt().toEpochMilli());
        n.set("request", td.request());
        store.put("taskdef", family + ":" + rev, n);
        ObjectNode out = Json.object();
        out.set("taskDefinition", definitionJson(td));
        out.set("tags", r.has("tags") ? r.get("tags").deepCopy() : Json.array());
        return out;
    }

    private TaskDefinition definition(String ref) {
        String fr = Arns.name(ref, "task-definition");
        if (fr == null) {
            return null;
        }
        return Revisions.find(definitions, fr, TaskDefinition::active);
    }

    synchronized ObjectNode describeTaskDefinition(ObjectNode r) {
        TaskDefinition td = definition(r.path("taskDefinition").asText(""));
        if (td == null) {
            throw new ClusterFailure("ClientException", "Unable to describe task definition.");
        }
        ObjectNode out = Json.object();
        out.set("taskDefinition", definitionJson(td));
        out.set("tags", td.request().has("tags") ? td.request().get("tags").deepCopy() : Json.array());
        return out;
    }

    private static ObjectNode definitionJson(TaskDefinition td) {
        ObjectNode r = td.request();
        ObjectNode o = Json.object();
        o.put("taskDefinitionArn", td.arn());
        ArrayNode cds = o.putArray("containerDefinitions");
        for (JsonNode d : r.get("containerDefinitions")) {
            ObjectNode c = ((ObjectNode) d).deepCopy();
            c.putIfAbsent("cpu", Json.NODES.numberNode(0));
            c.putIfAbsent("essential", Json.NODES.booleanNode(true));
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom", "systemControls")) {
                c.putIfAbsent(list, Json.array());
            }
            cds.add(c);
        }
        o.put("family", td.family());
        for (String f : List.of("taskRoleArn", "executionRoleArn", "networkMode", "cpu", "memory")) {
            if (r.has(f)) {
                o.set(f, r.get(f));
            }
        }
        o.put("revision", td.revision());
        o.set("volumes", r.has("volumes") ? r.get("volumes").deepCopy() : Json.array());
        o.put("status", td.active() ? "ACTIVE" : "INACTIVE");
        o.putArray("requiresAttributes");
        o.putArray("placementConstraints");
        o.putArray("compatibilities").add("EC2").add("FARGATE");
        o.set("requiresCompatibilities", r.has("requiresCompatibilities")
                ? r.get("requiresCompatibilities").deepCopy() : Json.array());
        o.put("registeredAt", td.registeredAt().toEpochMilli() / 1000.0);
        o.put("registeredBy", "conflux");
        return o;
    }

    // ---- tasks -------------------------------------------------------------------------------------------------

    /**
     * RunTask. {@code lenientCluster}: a Task state's {@code Cluster} may name a cluster nobody declared (it is
     * accepted, and made, as locally a cluster is only a name); the API answers ClusterNotFoundException as ECS does.
     */
    synchronized ObjectNode runTask(ObjectNode r, boolean lenientCluster, String syncToken, String defaultStartedBy) {
        Cluster cluster = cluster(r.path("cluster").asText(null), lenientCluster);
        String tdRef = r.path("taskDefinition").asText("");
        TaskDefinition td = definition(tdRef);
        if (td == null) {
            throw new ClusterFailure("InvalidParameterException", "TaskDefinition not found.");
        }
        int count = r.path("count").asInt(1);
        if (count < 1 || count > 10) {
            throw new ClusterFailure("InvalidParameterException", "Count must be between 1 and 10.");
        }
        String launchType = r.path("launchType").asText("FARGATE");
        ObjectNode overrides = r.get("overrides") instanceof ObjectNode o ? o.deepCopy() : Json.object();
        overrides.putIfAbsent("containerOverrides", Json.array());
        overrides.putIfAbsent("inferenceAcceleratorOverrides", Json.array());
        Map<String, JsonNode> containerOverrides = new HashMap<>();
        for (JsonNode co : overrides.get("containerOverrides")) {
            containerOverrides.put(co.path("name").asText(), co);
        }
        for (String name : containerOverrides.keySet()) {
            boolean known = false;
            for (JsonNode d : td.request().get("containerDefinitions")) {
                known |= d.path("name").asText().equals(name);
            }
            if (!known) {
                throw new ClusterFailure("InvalidParameterException", "Override for container named " + name
                        + " is not a container in the TaskDefinition.");
            }
        }
        String cpu = overrides.path("cpu").asText(td.request().path("cpu").asText(null));
        String memory = overrides.path("memory").asText(td.request().path("memory").asText(null));
        int cpuSum = 0;
        int memSum = 0;
        for (JsonNode d : td.request().get("containerDefinitions")) {
            JsonNode co = containerOverrides.get(d.path("name").asText());
            cpuSum += co != null && co.has("cpu") ? co.get("cpu").asInt() : d.path("cpu").asInt(0);
            memSum += co != null && co.has("memory") ? co.get("memory").asInt() : d.path("memory").asInt(0);
        }
        cpu = cpu != null ? Integer.toString(units(cpu, "vcpu", 1024)) : Integer.toString(Math.max(cpuSum, 256));
        memory = memory != null ? Integer.toString(units(memory, "gb", 1024)) : Integer.toString(Math.max(memSum, 512));
        String startedBy = r.path("startedBy").asText(defaultStartedBy);
        String pricing = launchType.equals("FARGATE")
                ? (r.path("capacityProviderStrategy").toString().contains("FARGATE_SPOT") ? "FARGATE_SPOT" : "FARGATE")
                : "ON_DEMAND";
        Instant now = clock.instant();
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("tasks");
        out.putArray("failures");
        List<Runnable> launches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().replace("-", "");
            EcsTask t = new EcsTask(id, arns.task(cluster.name(), id), cluster.arn(), td.arn(), td.family(),
                    launchType, cpu, memory, overrides, startedBy, r.get("tags"), now, i == 0 ? syncToken : null,
                    pricing);
            for (JsonNode d : td.request().get("containerDefinitions")) {
                String name = d.path("name").asText();
                JsonNode co = containerOverrides.get(name);
                List<String> command = co != null && co.has("command") ? ContainerSpec.strings(co.get("command"))
                        : ContainerSpec.strings(d.get("command"));
                if (command.isEmpty() && d.has("entryPoint")) {
                    command = ContainerSpec.strings(d.get("entryPoint"));
                }
                Map<String, String> env = ContainerSpec.env(d.get("environment"));
                if (co != null) {
                    env.putAll(ContainerSpec.env(co.get("environment")));
                }
                int ccpu = co != null && co.has("cpu") ? co.get("cpu").asInt() : d.path("cpu").asInt(0);
                int cmem = co != null && co.has("memory") ? co.get("memory").asInt()
                        : d.path("memory").asInt(d.path("memoryReservation").asInt(0));
                t.containers.add(new EcsTask.Container(name, arns.container(cluster.name(), id,
                        UUID.randomUUID().toString()), d.path("image").asText(null), command, env, ccpu, cmem,
                        d.path("essential").asBoolean(true)));
            }
            tasks.put(t.arn, t);
            if (t.syncToken != null) {
                bySyncToken.put(t.syncToken, t.arn);
            }
            persist(t);
            list.add(t.toJson(false));
            launches.add(() -> launch(t, cluster));
        }
        // Started after the answer is built; the executors report back under the lock.
        Thread.ofVirtual().start(() -> launches.forEach(Runnable::run));
        return out;
    }

    /** ECS takes task sizes as units ({@code "1024"}) or with a unit ({@code "1 vCPU"}, {@code "2 GB"}). */
    static int units(String value, String unit, int factor) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith(unit)) {
                return (int) Math.round(Double.parseDouble(v.substring(0, v.length() - unit.length()).trim()) * factor);
            }
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ClusterFailure("ClientException", "Invalid task size '" + value + "'.");
        }
    }

    private void launch(EcsTask t, Cluster cluster) {
        JobExecutor ex = executors.apply(cluster.executor());
        synchronized (this) {
            t.executor = ex;
            if (t.stopped()) {
                return;
            }
            t.lastStatus = "PENDING";
            t.version++;
        }
        double taskVcpus = Integer.parseInt(t.cpu) / 1024.0;
        for (EcsTask.Container c : t.containers) {
            Map<String, String> env = new LinkedHashMap<>(c.environment);
            env.put("ECS_CONTAINER_METADATA_URI_V4", "");
            env.put("AWS_EXECUTION_ENV", "AWS_ECS_" + t.launchType);
            double vcpus = c.cpu > 0 ? c.cpu / 1024.0 : taskVcpus / t.containers.size();
            int mem = c.memoryMiB > 0 ? c.memoryMiB : Integer.parseInt(t.memory) / t.containers.size();
            JobExecutor.Run run = ex.launch(new JobExecutor.Launch(t.runId(c), t.family + "-" + c.name, c.image,
                    c.command, env, vcpus, mem, 0), events(t, c));
            synchronized (this) {
                c.run = run;
                if (t.desiredStatus.equals("STOPPED") && !c.ended) {
                    run.stop();
                }
            }
        }
    }

    private JobExecutor.Events events(EcsTask t, EcsTask.Container c) {
        return new JobExecutor.Events() {
            @Override
            public void running() {
                synchronized (Ecs.this) {
                    c.lastStatus = "RUNNING";
                    if (!t.stopped() && t.containers.stream().allMatch(x -> x.lastStatus.equals("RUNNING")
                            || x.ended)) {
                        if (t.startedAt == null) {
                            t.startedAt = clock.instant();
                        }
                        t.lastStatus = "RUNNING";
                        t.version++;
                        persist(t);
                    }
                }
            }

            @Override
            public void exited(int exitCode, String reason) {
                containerEnded(t, c, exitCode, reason, null);
            }

            @Override
            public void failedToStart(String reason) {
                containerEnded(t, c, null, reason, reason);
            }
        };
    }

    private synchronized void containerEnded(EcsTask t, EcsTask.Container c, Integer exitCode, String reason,
            String startFailure) {
        if (closed || c.ended) {
            return;
        }
        c.ended = true;
        c.exitCode = exitCode;
        c.reason = reason;
        c.lastStatus = "STOPPED";
        c.run = null;
        Instant now = clock.instant();
        if (!t.stopped() && t.stopCode == null && (c.essential || startFailure != null)) {
            if (startFailure != null) {
                t.stopCode = "TaskFailedToStart";
                t.stoppedReason = startFailure;
            } else {
                t.stopCode = "EssentialContainerExited";
                t.stoppedReason = "Essential container in task exited";
            }
            t.desiredStatus = "STOPPED";
            t.stoppingAt = now;
            for (EcsTask.Container other : t.containers) {
                if (!other.ended && other.run != null) {
                    other.run.stop();
                }
            }
        }
        if (t.containers.stream().allMatch(x -> x.ended)) {
            stop(t, t.stopCode == null ? "EssentialContainerExited" : t.stopCode,
                    t.stoppedReason == null ? "Essential container in task exited" : t.stoppedReason, now);
        } else {
            persist(t);
        }
    }

    private void stop(EcsTask t, String code, String reason, Instant now) {
        t.stopCode = code;
        t.stoppedReason = reason;
        t.desiredStatus = "STOPPED";
        if (t.stoppingAt == null) {
            t.stoppingAt = now;
        }
        t.stoppedAt = now;
        t.lastStatus = "STOPPED";
        t.version++;
        persist(t);
        List<Consumer<EcsTask>> ws = waiters.remove(t.arn);
        if (ws != null) {
            ws.forEach(w -> w.accept(t));
        }
    }

    synchronized ObjectNode describeTasks(ObjectNode r) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        Cluster cluster = cluster(r.path("cluster").asText(null), false);
        for (String ref : ContainerSpec.strings(r.get("tasks"))) {
            EcsTask t = task(cluster, ref);
            if (t == null) {
                failures.addObject().put("arn", ref.startsWith("arn:") ? ref : arns.task(cluster.name(), ref))
                        .put("reason", "MISSING");
            } else {
                list.add(t.toJson(false));
            }
        }
        return out;
    }

    private EcsTask task(Cluster cluster, String ref) {
        if (ref.startsWith("arn:")) {
            return tasks.get(ref);
        }
        return tasks.get(arns.task(cluster.name(), ref));
    }

    synchronized ObjectNode stopTask(ObjectNode r) {
        Cluster cluster = cluster(r.path("cluster").asText(null), false);
        EcsTask t = task(cluster, r.path("task").asText(""));
        if (t == null) {
            throw new ClusterFailure("InvalidParameterException", "The referenced task was not found.");
        }
        stop(t, r.path("reason").asText("Task stopped by user"));
        return Json.object().set("task", t.toJson(false));
    }

    /** Stops a task on behalf of a user (StopTask) or of Step Functions (a cancelled {@code .sync} task). */
    synchronized void stop(EcsTask t, String reason) {
        if (t.stopped() || t.desiredStatus.equals("STOPPED")) {
            return;
        }
        t.desiredStatus = "STOPPED";
        t.stopCode = "UserInitiated";
        t.stoppedReason = reason;
        t.stoppingAt = clock.instant();
        t.version++;
        boolean anyRunning = false;
        for (EcsTask.Container c : t.containers) {
            if (!c.ended && c.run != null) {
                c.run.stop();
                anyRunning = true;
            }
        }
        if (!anyRunning && t.containers.stream().allMatch(c -> c.run == null)) {
            t.containers.forEach(c -> {
                c.ended = true;
                c.lastStatus = "STOPPED";
            });
            stop(t, "UserInitiated", reason, clock.instant());
        } else {
            persist(t);
        }
    }

    /** Stops local containers; their tasks stay RUNNING in the store, lost with their host for the next server. */
    void close() {
        closed = true;
        List<JobExecutor.Run> runs = new ArrayList<>();
        synchronized (this) {
            for (EcsTask t : tasks.values()) {
                for (EcsTask.Container c : t.containers) {
                    if (!c.ended && c.run != null) {
                        runs.add(c.run);
                    }
                }
            }
        }
        runs.forEach(JobExecutor.Run::stop);
    }

    synchronized EcsTask taskForToken(String token) {
        String arn = bySyncToken.get(token);
        return arn == null ? null : tasks.get(arn);
    }

    synchronized EcsTask task(String arn) {
        return tasks.get(arn);
    }

    synchronized void whenStopped(String taskArn, Consumer<EcsTask> done) {
        EcsTask t = tasks.get(taskArn);
        if (t.stopped()) {
            done.accept(t);
        } else {
            waiters.computeIfAbsent(taskArn, k -> new ArrayList<>()).add(done);
        }
    }

    synchronized ObjectNode json(EcsTask t, boolean millis) {
        return t.toJson(millis);
    }

    synchronized List<Usage> usage() {
        return tasks.values().stream().map(EcsTask::usage).toList();
    }

    synchronized String logs(String taskArnOrId, String container) {
        for (EcsTask t : tasks.values()) {
            if (t.arn.equals(taskArnOrId) || t.id.equals(taskArnOrId)) {
                for (EcsTask.Container c : t.containers) {
                    if (container == null || c.name.equals(container)) {
                        return t.executor == null ? null : t.executor.logs(t.runId(c));
                    }
                }
            }
        }
        return null;
    }

    private void persist(EcsTask t) {
        ObjectNode n = t.toJson(true);
        ObjectNode internal = n.putObject("conflux");
        internal.put("id", t.id).put("family", t.family).put("pricingClass", t.pricingClass);
        if (t.syncToken != null) {
            internal.put("syncToken", t.syncToken);
        }
        ArrayNode cs = internal.putArray("containers");
        for (EcsTask.Container c : t.containers) {
            ObjectNode co = cs.addObject().put("essential", c.essential).put("cpu", c.cpu).put("memory", c.memoryMiB);
            ArrayNode cmd = co.putArray("command");
            c.command.forEach(cmd::add);
            co.set("environment", Json.MAPPER.valueToTree(c.environment));
        }
        store.put("task", t.arn, n);
    }

    private static EcsTask restore(JsonNode n) {
        JsonNode in = n.get("conflux");
        EcsTask t = new EcsTask(in.get("id").asText(), n.get("taskArn").asText(), n.get("clusterArn").asText(),
                n.get("taskDefinitionArn").asText(), in.get("family").asText(), n.get("launchType").asText(),
                n.get("cpu").asText(), n.get("memory").asText(), (ObjectNode) n.get("overrides"),
                n.path("startedBy").asText(null), n.get("tags"), Instant.ofEpochMilli(n.get("createdAt").asLong()),
                in.path("syncToken").asText(null), in.path("pricingClass").asText("FARGATE"));
        JsonNode cs = n.get("containers");
        for (int i = 0; i < cs.size(); i++) {
            JsonNode c = cs.get(i);
            JsonNode ci = in.get("containers").get(i);
            EcsTask.Container ct = new EcsTask.Container(c.get("name").asText(), c.get("containerArn").asText(),
                    c.path("image").asText(null), ContainerSpec.strings(ci.get("command")),
                    ContainerSpec.env(ci.get("environment")), ci.path("cpu").asInt(), ci.path("memory").asInt(),
                    ci.path("essential").asBoolean(true));
            ct.lastStatus = c.path("lastStatus").asText("STOPPED");
            ct.exitCode = c.has("exitCode") ? c.get("exitCode").asInt() : null;
            ct.reason = c.path("reason").asText(null);
            ct.ended = ct.lastStatus.equals("STOPPED");
            t.containers.add(ct);
        }
        t.lastStatus = n.get("lastStatus").asText();
        t.desiredStatus = n.get("desiredStatus").asText();
        t.startedAt = n.has("startedAt") ? Instant.ofEpochMilli(n.get("startedAt").asLong()) : null;
        t.stoppingAt = n.has("stoppingAt") ? Instant.ofEpochMilli(n.get("stoppingAt").asLong()) : null;
        t.stoppedAt = n.has("stoppedAt") ? Instant.ofEpochMilli(n.get("stoppedAt").asLong()) : null;
        t.stopCode = n.path("stopCode").asText(null);
        t.stoppedReason = n.path("stoppedReason").asText(null);
        t.version = n.path("version").asInt(1);
        return t;
    }
}
