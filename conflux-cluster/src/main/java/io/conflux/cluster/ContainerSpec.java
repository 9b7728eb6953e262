package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job's container runs and needs, compiled once from a job definition's {@code containerProperties} (and a
 * submission's {@code containerOverrides}): the command, the image where a container executor runs, vCPUs (fractions
 * for Fargate-style sizes), memory in MiB (0: no limit), GPUs and the environment.
 */
record ContainerSpec(String image, List<String> command, double vcpus, int memoryMiB, int gpus,
        Map<String, String> environment) {

    ContainerSpec {
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** Reads {@code containerProperties} as RegisterJobDefinition takes it. */
    static ContainerSpec parse(JsonNode p) {
        if (p == null || !p.isObject()) {
            return new ContainerSpec(null, List.of(), 1, 0, 0, Map.of());
        }
        ContainerSpec base = new ContainerSpec(text(p, "image"), strings(p.get("command")),
                p.path("vcpus").asDouble(1), p.path("memory").asInt(0), 0, env(p.get("environment")));
        return base.withRequirements(p.get("resourceRequirements"));
    }

    /** The container a submission runs: its overrides of command, environment, vCPUs, memory and GPUs applied. */
    ContainerSpec override(JsonNode o) {
        if (o == null || !o.isObject()) {
            return this;
        }
        List<String> cmd = o.has("command") ? strings(o.get("command")) : command;
        Map<String, String> e = new LinkedHashMap<>(environment);
        e.putAll(env(o.get("environment")));
        ContainerSpec c = new ContainerSpec(image, cmd, o.has("vcpus") ? o.get("vcpus").asDouble() : vcpus,
                o.has("memory") ? o.get("memory").asInt() : memoryMiB, gpus, e);
        return c.withRequirements(o.get("resourceRequirements"));
    }

    private ContainerSpec withRequirements(JsonNode reqs) {
        if (reqs == null || !reqs.isArray()) {
            return this;
        }
        double v = vcpus;
        int m = memoryMiB;
        int g = gpus;
        for (JsonNode r : reqs) {
            String value = r.path("value").asText("");
            try {
                switch (r.path("type").asText("")) {
                    case "VCPU" -> v = Double.parseDouble(value);
                    case "MEMORY" -> m = Integer.parseInt(value);
                    case "GPU" -> g = Integer.parseInt(value);
                    default -> throw ClusterFailure.client("Error executing request, Exception : Resource "
                            + "requirement type must be one of GPU, VCPU, MEMORY, got '" + r.path("type").asText("")
                            + "'.");
                }
            } catch (NumberFormatException e) {
                throw ClusterFailure.client("Error executing request, Exception : Resource requirement "
                        + r.path("type").asText("") + " has an invalid value '" + value + "'.");
            }
        }
        return new ContainerSpec(image, command, v, m, g, environment);
    }

    /** The command with {@code Ref::name} placeholders replaced by the job's parameters, as Batch substitutes them. */
    List<String> commandWith(JsonNode parameters) {
        if (command.stream().noneMatch(a -> a.startsWith("Ref::"))) {
            return command;
        }
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            if (arg.startsWith("Ref::")) {
                JsonNode v = parameters.get(arg.substring(5));
                if (v == null) {
                    throw ClusterFailure.client("Unable to substitute value. No parameter found for reference "
                            + arg.substring(5));
                }
                out.add(v.asText());
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(s -> out.add(s.asText()));
        } else if (n != null && n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    /** {@code [{name, value}]} (as the APIs write it) or {@code {NAME: value}} (as a project file may). */
    static Map<String, String> env(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode kv : n) {
                out.put(kv.path("name").asText(), kv.path("value").asText(""));
            }
        } else if (n.isObject()) {
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The resources as Batch lists them in {@code resourceRequirements}. */
    void requirementsTo(ObjectNode container) {
        var reqs = container.putArray("resourceRequirements");
        reqs.addObject().put("value", formatVcpus()).put("type", "VCPU");
        if (memoryMiB > 0) {
            reqs.addObject().put("value", Integer.toString(memoryMiB)).put("type", "MEMORY");
        }
        if (gpus > 0) {
            reqs.addObject().put("value", Integer.toString(gpus)).put("type", "GPU");
        }
    }

    String formatVcpus() {
        return vcpus == Math.rint(vcpus) ? Long.toString((long) vcpus) : Double.toString(vcpus);
    }
}
