package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the fields of a definition, collecting every problem instead of stopping at the first. */
final class Fields {
    /** Names of schedules and triggers: as EventBridge Scheduler names schedules. */
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z._-]{1,64}");

    private final JsonNode node;
    private final List<String> problems = new ArrayList<>();

    Fields(JsonNode node) {
        this.node = node;
    }

    /**
     * The fields of the definition of a schedule or trigger, with its name checked.
     *
     * @throws DefinitionException at once when {@code def} is not an object (nothing else can be read)
     */
    static Fields ofDefinition(String name, JsonNode def) {
        Fields f = new Fields(def == null ? Json.object() : def);
        if (name == null || !NAME.matcher(name).matches()) {
            f.problem("name", "expected 1 to 64 letters, digits or . _ -, but got '" + name + "'");
        }
        if (def == null || !def.isObject()) {
            f.problem("definition", "expected an object, but got " + def);
            f.check();
        }
        return f;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String field, String message) {
        problems.add(field + ": " + message);
    }

    /** Reports every field not in {@code known}: a typo never goes unnoticed. */
    void onlyKnown(Set<String> known) {
        for (var e : node.properties()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getKey() + ": unknown field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    String text(String field, String otherwise) {
        JsonNode v = get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isTextual()) {
            problem(field, "expected a string, but got " + v);
            return otherwise;
        }
        return v.textValue();
    }

    String required(String field) {
        String v = text(field, null);
        if (v == null && get(field) == null) {
            problem(field, "required");
        }
        return v;
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode v = get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            problem(field, "expected true or false, but got " + v);
            return otherwise;
        }
        return v.booleanValue();
    }

    int integer(String field, int otherwise, int min, int max) {
        JsonNode v = get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
            problem(field, "expected a whole number from " + min + " to " + max + ", but got " + v);
            return otherwise;
        }
        return v.intValue();
    }

    /** One of {@code allowed} (upper case, as AWS writes its enums). */
    String oneOf(String field, String otherwise, List<String> allowed) {
        String v = text(field, null);
        if (v == null) {
            return otherwise;
        }
        String u = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(u)) {
            problem(field, "expected one of " + allowed + ", but got '" + v + "'");
            return otherwise;
        }
        return u;
    }

    /** An instant with its offset, e.g. {@code 2026-01-01T00:00:00Z}. */
    Instant instant(String field) {
        String v = text(field, null);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            problem(field, "expected a date and time with its offset, e.g. 2026-01-01T00:00:00Z, but got '" + v
                    + "'");
            return null;
        }
    }

    List<String> strings(String field) {
        JsonNode v = get(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(field, "expected a list of strings, but got " + v);
            return out;
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                problem(field, "expected a list of strings, but got " + item + " in it");
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** Fails with every problem found, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
    }
}
