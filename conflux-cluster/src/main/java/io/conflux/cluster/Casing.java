package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Step Functions speaks to Batch and ECS in PascalCase ({@code JobName}, {@code ContainerOverrides}) and hands back
 * their answers the same way ({@code JobId}, {@code Attempts}), while the services' own APIs are camelCase. The
 * members whose keys are the user's (parameters, tags, status summaries) keep their keys as written.
 */
final class Casing {
    /** Maps whose keys are data, not member names. */
    private static final Set<String> USER_KEYS = Set.of("parameters", "tags", "statusSummary", "dockerLabels",
            "options", "Parameters", "Tags", "StatusSummary", "DockerLabels", "Options");

    private Casing() {}

    static ObjectNode pascal(ObjectNode o) {
        return (ObjectNode) convert(o, true);
    }

    static ObjectNode camel(ObjectNode o) {
        return (ObjectNode) convert(o, false);
    }

    private static JsonNode convert(JsonNode n, boolean upper) {
        if (n.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String k = e.getKey();
                String key = k.isEmpty() ? k : (upper ? k.substring(0, 1).toUpperCase(Locale.ROOT)
                        : k.substring(0, 1).toLowerCase(Locale.ROOT)) + k.substring(1);
                out.set(key, USER_KEYS.contains(k) ? e.getValue().deepCopy() : convert(e.getValue(), upper));
            }
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = Json.array();
            n.forEach(x -> out.add(convert(x, upper)));
            return out;
        }
        return n;
    }
}
