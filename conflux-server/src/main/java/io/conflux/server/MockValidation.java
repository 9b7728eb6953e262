package io.conflux.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TestState's field validation: a mocked task result checked against the response shape of the API its integration
 * calls, as AWS checks it. STRICT wants every required member and every present member in shape; PRESENT only the
 * latter; members the API does not have are let through in both, as AWS lets them through.
 *
 * <p>The shapes are in {@code mock-shapes.json}, written from AWS's API models by {@code scripts/mock-shapes.py} for
 * the integrations listed there; a result of any other integration (and of a Lambda function ARN, an activity, a
 * {@code .sync} or {@code .waitForTaskToken} pattern, whose results are the caller's JSON) is not checked.
 */
final class MockValidation {
    private static final String PREFIX = "Mock result schema validation error: ";

    private record Integration(String shape, Set<String> anyJson) {}

    /** The catalogue, read once. */
    private static final class Catalog {
        static final Map<String, Integration> INTEGRATIONS = new HashMap<>();
        static final Map<String, JsonNode> SHAPES = new HashMap<>();

        static {
            try (InputStream in = MockValidation.class.getResourceAsStream("mock-shapes.json")) {
                if (in == null) {
                    throw new IllegalStateException("Expected the resource mock-shapes.json next to MockValidation");
                }
                JsonNode root = Json.MAPPER.readTree(in);
                root.get("integrations").properties().forEach(e -> {
                    Set<String> any = new HashSet<>();
                    e.getValue().path("any").forEach(n -> any.add(n.asText()));
                    JsonNode shape = e.getValue().get("shape");
                    INTEGRATIONS.put(e.getKey(), new Integration(shape == null || shape.isNull() ? null
                            : shape.asText(), any));
                });
                root.get("shapes").properties().forEach(e -> SHAPES.put(e.getKey(), e.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private MockValidation() {}

    /**
     * Throws AWS's ValidationException when {@code result} does not fit the integration's response.
     *
     * @param resource the Task's Resource, or null for states that are not Tasks
     * @param strict STRICT (required members must be there) rather than PRESENT
     */
    static void check(String resource, JsonNode result, boolean strict) {
        Integration integration = resource == null ? null : Catalog.INTEGRATIONS.get(key(resource));
        if (integration == null || integration.shape() == null) {
            return;
        }
        String problem = result.isObject() ? structure(Catalog.SHAPES.get(integration.shape()), result, strict,
                integration.anyJson()) : "The mocked result must be a JSON object";
        if (problem != null) {
            throw Errors.validation(PREFIX + problem);
        }
    }

    /** {@code arn:PARTITION:states:::SERVICE:ACTION} as the catalogue names it; null for any other resource. */
    private static String key(String resource) {
        String[] p = resource.split(":", 6);
        if (p.length < 6 || !p[0].equals("arn") || !p[2].equals("states") || !p[3].isEmpty() || !p[4].isEmpty()) {
            return null;
        }
        return p[5];
    }

    private static String structure(JsonNode shape, JsonNode value, boolean strict, Set<String> anyJson) {
        JsonNode members = shape.path("m");
        if (strict) {
            for (JsonNode required : shape.path("r")) {
                JsonNode v = value.get(required.asText());
                if (v == null || v.isNull()) {
                    return "Required field '" + required.asText() + "' is missing";
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode member = members.get(field.getKey());
            if (member == null || anyJson.contains(field.getKey()) || field.getValue().isNull()) {
                continue; // not in the API: AWS lets it through
            }
            String problem = value(field.getKey(), Catalog.SHAPES.get(member.asText()), field.getValue(), strict);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String value(String name, JsonNode shape, JsonNode v, boolean strict) {
        String field = "Field '" + name + "' ";
        return switch (shape.path("t").asText()) {
            case "structure" -> v.isObject() ? structure(shape, v, strict, Set.of()) : field + "must be an object";
            case "list" -> {
                if (!v.isArray()) {
                    yield field + "must be an array";
                }
                JsonNode element = Catalog.SHAPES.get(shape.path("e").asText());
                for (JsonNode item : v) {
                    String problem = item.isNull() ? null : value(name, element, item, strict);
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case "map" -> {
                if (!v.isObject()) {
                    yield field + "must be an object";
                }
                JsonNode values = Catalog.SHAPES.get(shape.path("v").asText());
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    String problem = e.getValue().isNull() ? null : value(e.getKey(), values, e.getValue(), strict);
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case "string", "blob" -> {
                if (!v.isTextual()) {
                    yield field + "must be a string";
                }
                String s = v.asText();
                if (shape.has("enum") && !contains(shape.get("enum"), s)) {
                    yield field + "is not an expected value";
                }
                if (shape.has("min") && s.length() < shape.get("min").asLong()) {
                    yield field + "is smaller than the minimum length";
                }
                if (shape.has("max") && s.length() > shape.get("max").asLong()) {
                    yield field + "is larger than the maximum length";
                }
                yield null;
            }
            case "timestamp" -> v.isTextual() ? null : field + "must be a string";
            case "integer", "long", "float", "double" -> {
                if (!v.isNumber()) {
                    yield field + "must be a number";
                }
                if (shape.has("min") && v.asDouble() < shape.get("min").asDouble()) {
                    yield field + "is less than the minimum value";
                }
                if (shape.has("max") && v.asDouble() > shape.get("max").asDouble()) {
                    yield field + "is greater than the maximum value";
                }
                yield null;
            }
            case "boolean" -> v.isBoolean() ? null : field + "must be a boolean";
            default -> null; // a document: any JSON
        };
    }

    private static boolean contains(JsonNode values, String s) {
        for (JsonNode n : values) {
            if (n.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** The integrations whose results are checked (for documentation and tests). */
    static List<String> integrations() {
        return Catalog.INTEGRATIONS.keySet().stream().sorted().toList();
    }
}
