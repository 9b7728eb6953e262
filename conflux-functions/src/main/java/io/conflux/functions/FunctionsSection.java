package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.server.project.ProjectException;
import io.conflux.server.project.ProjectSection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code functions} section of a project file:
 *
 * <pre>
 * functions:
 *   resize:                       # the function's name
 *     runtime: python3.12         # python3.x, nodejs20.x, java21, provided.al2023 …
 *     handler: app.handler        # module.function, file.export, package.Class::method
 *     code: functions/resize      # a folder or a zip, relative to the project
 *     memory: 256                 # MB (default 128)
 *     timeout: 10                 # seconds (default 3)
 *     environment: {BUCKET: images}
 *     reservedConcurrency: 5      # at most 5 at once (default: the server's limit)
 *     provisioned: 1              # kept warm at all times (default 0)
 *     idleTtl: 5m                 # idle runtimes stop after this (default 10m; seconds, or 30s, 5m, 1h)
 * </pre>
 *
 * Applied through the same service as the Lambda API; a function whose settings and code are as declared is left
 * alone (its warm runtimes keep running).
 */
final class FunctionsSection {
    static final String NAME = "functions";
    private static final Set<String> KEYS = Set.of("runtime", "handler", "code", "memory", "timeout", "environment",
            "reservedConcurrency", "provisioned", "idleTtl", "description", "role");

    private FunctionsSection() {}

    static List<String> apply(ProjectSection s, FunctionService functions) {
        if (!s.value().isObject()) {
            throw new ProjectException(s.pointer() + ": expected a mapping of function names to their settings, but "
                    + "found " + s.value().getNodeType());
        }
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : s.value().properties()) {
            String name = e.getKey();
            try {
                done.add(applyOne(s, name, e.getValue(), functions));
            } catch (ProjectException p) {
                problems.addAll(p.problems());
            } catch (LambdaException l) {
                problems.add(s.pointer(name) + ": " + l.type() + ": " + l.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return done;
    }

    private static String applyOne(ProjectSection s, String name, JsonNode spec, FunctionService functions) {
        if (!spec.isObject()) {
            throw new ProjectException(s.pointer(name) + ": expected the function's settings (runtime, handler, "
                    + "code …), but found " + spec.getNodeType());
        }
        List<String> problems = new ArrayList<>();
        spec.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(s.pointer(name, k) + ": unknown setting; expected one of " + KEYS.stream().sorted()
                        .toList());
            }
        });
        if (!spec.path("code").isTextual()) {
            problems.add(s.pointer(name, "code") + ": expected the folder or zip of the function's code");
        }
        if (!spec.path("runtime").isTextual()) {
            problems.add(s.pointer(name, "runtime") + ": expected a runtime, e.g. python3.12 or nodejs20.x");
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        Path code = s.baseDir().resolve(spec.get("code").asText()).normalize();
        byte[] zip;
        try {
            zip = LambdaApi.local(code);
        } catch (LambdaException e) {
            throw new ProjectException(s.pointer(name, "code") + ": " + e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>();
        spec.path("environment").properties().forEach(v -> env.put(v.getKey(), v.getValue().asText()));
        FunctionInput in = new FunctionInput(spec.get("runtime").asText(), text(spec, "handler"),
                spec.path("description").asText(""),
                spec.path("role").asText("arn:aws:iam::" + functions.account() + ":role/conflux"),
                integer(s, name, spec, "memory", FunctionSpec.DEFAULT_MEMORY_MB),
                integer(s, name, spec, "timeout", FunctionSpec.DEFAULT_TIMEOUT_SECONDS), env,
                spec.has("reservedConcurrency") ? integer(s, name, spec, "reservedConcurrency", 0) : null,
                integer(s, name, spec, "provisioned", 0),
                spec.has("idleTtl") ? duration(s, name, spec.get("idleTtl")) : FunctionSpec.DEFAULT_IDLE_TTL, zip);
        var existing = functions.get(name);
        if (existing.isEmpty()) {
            functions.create(name, in);
            return "function " + name + ": created";
        }
        FunctionSpec e = existing.get();
        String sha = Base64.getEncoder().encodeToString(CodeStore.sha256(zip));
        boolean same = sha.equals(e.codeSha256()) && in.runtime().equals(e.runtime())
                && java.util.Objects.equals(in.handler(), e.handler()) && in.memoryMb() == e.memoryMb()
                && in.timeoutSeconds() == e.timeoutSeconds() && env.equals(e.environment())
                && java.util.Objects.equals(in.reservedConcurrency(), e.reservedConcurrency())
                && in.provisioned() == e.provisioned() && in.idleTtl().equals(e.idleTtl())
                && in.description().equals(e.description()) && in.role().equals(e.role());
        if (same) {
            return "function " + name + ": unchanged";
        }
        FunctionSpec updated = functions.updateConfiguration(name, in);
        if (in.reservedConcurrency() == null && e.reservedConcurrency() != null) {
            functions.reservedConcurrency(name, null);
        }
        return "function " + name + ": updated" + (updated.codeSha256().equals(e.codeSha256()) ? "" : " (new code)");
    }

    private static String text(JsonNode spec, String field) {
        JsonNode n = spec.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static int integer(ProjectSection s, String name, JsonNode spec, String field, int dflt) {
        JsonNode n = spec.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.canConvertToInt()) {
            throw new ProjectException(s.pointer(name, field) + ": expected a whole number, but found " + n);
        }
        return n.asInt();
    }

    /** Seconds as a number, or text: {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}). */
    static Duration duration(ProjectSection s, String name, JsonNode n) {
        if (n.canConvertToLong()) {
            return Duration.ofSeconds(n.asLong());
        }
        String t = n.asText().trim();
        try {
            if (t.matches("\\d+[smh]")) {
                long v = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(v);
                    case 'm' -> Duration.ofMinutes(v);
                    default -> Duration.ofHours(v);
                };
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ProjectException(s.pointer(name, "idleTtl") + ": expected seconds, or 30s, 5m, 1h, but found "
                    + t);
        }
    }
}
