package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A function's settings as stored (a file beside its code, or a database row). */
final class SpecJson {
    private SpecJson() {}

    static String write(FunctionSpec s) {
        ObjectNode o = Json.object();
        o.put("name", s.name()).put("runtime", s.runtime()).put("handler", s.handler())
                .put("description", s.description()).put("role", s.role()).put("memoryMb", s.memoryMb())
                .put("timeoutSeconds", s.timeoutSeconds());
        ObjectNode env = o.putObject("environment");
        s.environment().forEach(env::put);
        if (s.reservedConcurrency() != null) {
            o.put("reservedConcurrency", s.reservedConcurrency());
        }
        o.put("provisioned", s.provisioned()).put("idleTtlSeconds", s.idleTtl().toSeconds())
                .put("codeSha256", s.codeSha256()).put("codeSize", s.codeSize())
                .put("lastModified", s.lastModified().toString()).put("revisionId", s.revisionId());
        return Json.pretty(o);
    }

    static FunctionSpec read(String text) {
        JsonNode o;
        try {
            o = Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Expected a stored function as JSON, but: " + e.getMessage(), e);
        }
        Map<String, String> env = new HashMap<>();
        o.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return new FunctionSpec(o.path("name").asText(), o.path("runtime").asText(),
                o.path("handler").isNull() ? null : o.path("handler").asText(null),
                o.path("description").asText(""), o.path("role").asText(), o.path("memoryMb").asInt(),
                o.path("timeoutSeconds").asInt(), env,
                o.has("reservedConcurrency") ? o.get("reservedConcurrency").asInt() : null,
                o.path("provisioned").asInt(), Duration.ofSeconds(o.path("idleTtlSeconds").asLong(600)),
                o.path("codeSha256").asText(), o.path("codeSize").asLong(),
                Instant.parse(o.path("lastModified").asText()), o.path("revisionId").asText());
    }
}
