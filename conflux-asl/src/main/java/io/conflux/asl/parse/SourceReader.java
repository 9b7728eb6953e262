package io.conflux.asl.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.conflux.asl.Asl;
import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.expr.Problems;

/** Turns definition text (JSON, or YAML for hand-written files) into a tree, reporting syntax errors as AWS does. */
final class SourceReader {
    /** Keeps the source in locations, so messages read like AWS's: {@code [Source: (String)"…"; line: 1, column: 4]}. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final Asl.Format format;
    private final Problems problems;

    SourceReader(Asl.Format format, Problems problems) {
        this.format = format;
        this.problems = problems;
    }

    JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            problems.report("/", DiagnosticCodes.MISSING_DESCRIPTION, "Received a null or empty workflow input.");
            return null;
        }
        boolean yaml = switch (format) {
            case JSON -> false;
            case YAML -> true;
            case AUTO -> !looksLikeJson(text);
        };
        try {
            return (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String location = loc == null ? "/" : loc.toString().replaceFirst("^\\[Source: ", "[Source: ");
            String message = e.getOriginalMessage() + (loc == null ? "" : "\n at " + location);
            problems.report(location, DiagnosticCodes.INVALID_JSON_DESCRIPTION, message);
            return null;
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }
}
