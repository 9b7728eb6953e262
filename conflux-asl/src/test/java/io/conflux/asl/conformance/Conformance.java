package io.conflux.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance cases recorded against AWS (see {@code conformance/NOTICE.md}), and how to compare with them.
 * Shared with other modules through this module's test jar.
 */
public final class Conformance {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private Conformance() {}

    /** Every line of {@code conformance/<file>} as JSON. */
    public static List<JsonNode> load(String file) {
        String resource = "/conformance/" + file;
        try (InputStream in = Conformance.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Expected the test resource " + resource + ", but it is missing");
            }
            List<JsonNode> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(Json.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Corpus cases matching {@code filter}. */
    public static List<JsonNode> corpus(Predicate<JsonNode> filter) {
        return load("corpus.jsonl").stream().filter(filter).toList();
    }

    /** Whether a definition uses JSONata anywhere (a QueryLanguage of JSONata, or {@code {% %}} expressions). */
    public static boolean usesJsonata(JsonNode definition) {
        String text = Json.write(definition);
        return text.contains("JSONata") || text.contains("{%");
    }

    /** Whether a definition assigns variables. */
    public static boolean usesAssign(JsonNode definition) {
        return Json.write(definition).contains("\"Assign\"");
    }

    /**
     * JSON equality as the conformance runner defines it: object key order and number formatting do not matter,
     * and a recorded string with {@code <placeholder>} parts matches any text in their place (a non-string actual
     * value is compared through its compact JSON text).
     */
    public static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual || (expected != null && expected.isNull() && actual == null);
        }
        if (expected.isTextual() && PLACEHOLDER.matcher(expected.asText()).find()) {
            String text = actual.isTextual() ? actual.asText() : Json.write(actual);
            return wildcard(expected.asText()).matcher(text).matches();
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!actual.has(e.getKey()) || !matches(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.asDouble() == actual.asDouble();
        }
        return expected.equals(actual);
    }

    /**
     * The recording with each string that is one of the recorder's unmarked stand-ins ({@code "date"} for a value
     * it replaced) turned into a placeholder ({@code "<date>"}), wherever it is, so {@link #matches} takes any value.
     */
    public static JsonNode markStandIns(JsonNode recorded, java.util.Set<String> standIns) {
        if (recorded == null) {
            return null;
        }
        if (recorded.isTextual() && standIns.contains(recorded.asText())) {
            return Json.NODES.textNode("<" + recorded.asText() + ">");
        }
        if (recorded.isObject()) {
            var o = Json.object();
            recorded.properties().forEach(e -> o.set(e.getKey(), markStandIns(e.getValue(), standIns)));
            return o;
        }
        if (recorded.isArray()) {
            var a = Json.array();
            recorded.forEach(x -> a.add(markStandIns(x, standIns)));
            return a;
        }
        return recorded;
    }

    /** Matches text against a recorded string with placeholders. */
    public static boolean matchesText(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        return wildcard(expected).matcher(actual).matches();
    }

    private static Pattern wildcard(String expected) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start()))).append(".*");
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
