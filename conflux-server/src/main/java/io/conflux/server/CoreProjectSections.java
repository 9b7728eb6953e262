package io.conflux.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.project.ProjectException;
import io.conflux.server.project.ProjectSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project sections the server owns itself: {@code stateMachines} and {@code activities}. Applied through the
 * same operations the API serves, so a deployed state machine is exactly what CreateStateMachine would make.
 *
 * <pre>
 * stateMachines:
 *   orders:                          # the name
 *     definition: workflows/orders.asl.json   # a file (JSON or YAML), or the definition inline
 *     type: STANDARD                 # or EXPRESS
 *     roleArn: arn:aws:iam::123456789012:role/conflux   # optional
 * activities: [approve, review]
 * </pre>
 */
final class CoreProjectSections {
    static final String STATE_MACHINES = "stateMachines";
    static final String ACTIVITIES = "activities";
    private static final String DEFAULT_ROLE = "arn:aws:iam::%s:role/conflux";

    private CoreProjectSections() {}

    static List<String> apply(ProjectSection section, ServerContext ctx) throws InterruptedException {
        return switch (section.name()) {
            case STATE_MACHINES -> stateMachines(section, ctx);
            case ACTIVITIES -> activities(section, ctx);
            default -> throw new IllegalArgumentException("Not a core section: " + section.name());
        };
    }

    private static List<String> stateMachines(ProjectSection s, ServerContext ctx) throws InterruptedException {
        if (!s.value().isObject()) {
            throw new ProjectException(s.pointer() + ": expected a mapping of state machine names to their "
                    + "definition, but found " + s.value().getNodeType());
        }
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : s.value().properties()) {
            String name = e.getKey();
            JsonNode spec = e.getValue();
            String definition;
            try {
                definition = ctx.resolveDefinition(definition(s, name, spec));
            } catch (ProjectException p) {
                problems.addAll(p.problems());
                continue;
            }
            String type = spec.path("type").asText("STANDARD");
            String role = spec.path("roleArn").asText(String.format(DEFAULT_ROLE, ctx.config().accountId()));
            String arn = "arn:aws:states:" + ctx.config().region() + ":" + ctx.config().accountId()
                    + ":stateMachine:" + name;
            try {
                ObjectNode describe = Json.object().put("stateMachineArn", arn);
                ObjectNode existing = null;
                try {
                    existing = ctx.call("DescribeStateMachine", describe);
                } catch (ApiException notThere) {
                    if (!notThere.type().equals("StateMachineDoesNotExist")) {
                        throw notThere;
                    }
                }
                if (existing == null) {
                    ctx.call("CreateStateMachine", Json.object().put("name", name).put("definition", definition)
                            .put("roleArn", role).put("type", type));
                    done.add("state machine " + name + ": created");
                } else if (!existing.path("type").asText().equals(type)) {
                    problems.add(s.pointer(name, "type") + ": the state machine exists as "
                            + existing.path("type").asText() + "; a type cannot change (delete it first)");
                } else if (existing.path("definition").asText().equals(definition)
                        && existing.path("roleArn").asText().equals(role)) {
                    done.add("state machine " + name + ": unchanged");
                } else {
                    ctx.call("UpdateStateMachine", Json.object().put("stateMachineArn", arn)
                            .put("definition", definition).put("roleArn", role));
                    done.add("state machine " + name + ": updated");
                }
            } catch (ApiException api) {
                problems.add(s.pointer(name) + ": " + api.type() + ": " + api.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return done;
    }

    /** The definition text: a file relative to the project, or the definition written inline. */
    private static String definition(ProjectSection s, String name, JsonNode spec) {
        JsonNode d = spec.isTextual() ? spec : spec.get("definition");
        if (d == null) {
            throw new ProjectException(s.pointer(name) + ": expected a 'definition' (a file, or the definition "
                    + "inline)");
        }
        if (d.isObject()) {
            return Json.write(d);
        }
        if (!d.isTextual()) {
            throw new ProjectException(s.pointer(name, "definition") + ": expected a file name or a definition, "
                    + "but found " + d.getNodeType());
        }
        Path file = s.baseDir().resolve(d.asText()).normalize();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ProjectException(s.pointer(name, "definition") + ": cannot read " + file + ": "
                    + e.getMessage());
        }
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            try {
                return Json.write(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text));
            } catch (JsonProcessingException e) {
                throw new ProjectException(s.pointer(name, "definition") + ": " + file + " is not valid YAML: "
                        + e.getOriginalMessage());
            }
        }
        return text;
    }

    private static List<String> activities(ProjectSection s, ServerContext ctx) throws InterruptedException {
        if (!s.value().isArray()) {
            throw new ProjectException(s.pointer() + ": expected a list of activity names, but found "
                    + s.value().getNodeType());
        }
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < s.value().size(); i++) {
            JsonNode n = s.value().get(i);
            if (!n.isTextual()) {
                problems.add(s.pointer(Integer.toString(i)) + ": expected an activity name");
                continue;
            }
            try {
                ctx.call("CreateActivity", Json.object().put("name", n.asText()));
                done.add("activity " + n.asText() + ": ready");
            } catch (ApiException api) {
                problems.add(s.pointer(Integer.toString(i)) + ": " + api.type() + ": " + api.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return done;
    }
}
