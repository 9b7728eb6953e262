package io.conflux.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The members of an operation's input, read with the constraints of AWS's model and reported in the wording of
 * AWS's request validation: a member of the wrong JSON type fails at once ({@code SerializationException}), while
 * constraint violations (missing, too long, out of range, not in the enum) are collected, so that {@link #validate}
 * reports them all in one {@code ValidationException}, as AWS does. A null member counts as absent.
 *
 * <p>Read every member, then call {@link #validate} before using the values: until then a value may be null even
 * for a required member.
 */
final class Request {
    private final ObjectNode body;
    private final String prefix;
    private final List<String> violations;

    Request(ObjectNode body) {
        this(body, "", new ArrayList<>());
    }

    private Request(ObjectNode body, String prefix, List<String> violations) {
        this.body = body;
        this.prefix = prefix;
        this.violations = violations;
    }

    /** Throws the collected constraint violations, if any. */
    void validate() {
        if (!violations.isEmpty()) {
            throw Errors.constraintViolations(violations);
        }
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    String requiredString(String name, int min, int max) {
        String s = string(name, min, max);
        if (s == null) {
            missing(name);
        }
        return s;
    }

    String optionalString(String name, int min, int max) {
        return string(name, min, max);
    }

    /** A sensitive member (inputs, outputs, causes): AWS measures it in UTF-8 bytes and never echoes its value. */
    String sensitiveString(String name, int maxBytes) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        String s = text(name, n);
        if (s.length() > maxBytes / 3 && s.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            violations.add("Value at '" + path(name) + "' failed to satisfy constraint: Member must have size less "
                    + "than or equal to " + maxBytes + " bytes in UTF-8 encoding");
        }
        return s;
    }

    String optionalString(String name, int min, int max, Pattern pattern) {
        String s = string(name, min, max);
        if (s != null && !pattern.matcher(s).matches()) {
            violation(s, name, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return s;
    }

    String requiredString(String name, int min, int max, Pattern pattern) {
        String s = optionalString(name, min, max, pattern);
        if (s == null) {
            missing(name);
        }
        return s;
    }

    /** An enum member; {@code values} in the order AWS lists them in its message. */
    String optionalEnum(String name, List<String> values) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        String s = text(name, n);
        if (!values.contains(s)) {
            violation(s, name, "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
        }
        return s;
    }

    private String string(String name, int min, int max) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        String s = text(name, n);
        if (s.length() < min) {
            violation(s, name, "Member must have length greater than or equal to " + min);
        } else if (s.length() > max) {
            violation(s, name, "Member must have length less than or equal to " + max);
        }
        return s;
    }

    // ---- numbers and booleans ---------------------------------------------------------------------------------

    Integer optionalInt(String name, int min, int max) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(name, n, "an Integer");
        }
        if (!n.canConvertToInt() || n.isFloatingPointNumber() && n.doubleValue() != Math.rint(n.doubleValue())) {
            throw Errors.serialization("Expected an integer for '" + path(name) + "', but got " + n);
        }
        int v = n.intValue();
        if (v < min) {
            violation(Integer.toString(v), name, "Member must have value greater than or equal to " + min);
        } else if (v > max) {
            violation(Integer.toString(v), name, "Member must have value less than or equal to " + max);
        }
        return v;
    }

    Integer requiredInt(String name, int min, int max) {
        Integer v = optionalInt(name, min, max);
        if (v == null) {
            missing(name);
        }
        return v;
    }

    boolean optionalBoolean(String name, boolean absent) {
        JsonNode n = member(name);
        if (n == null) {
            return absent;
        }
        if (!n.isBoolean()) {
            throw wrongType(name, n, "a Boolean");
        }
        return n.booleanValue();
    }

    // ---- structures and lists ---------------------------------------------------------------------------------

    /** A nested structure, read with the same rules; null when absent. */
    Request optionalStructure(String name) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType(name, n, "a structure");
        }
        return new Request((ObjectNode) n, path(name) + ".", violations);
    }

    /** The raw JSON of a nested structure (kept as given, e.g. a logging configuration); null when absent. */
    ObjectNode optionalObject(String name) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType(name, n, "a structure");
        }
        return (ObjectNode) n;
    }

    /**
     * A list of structures, each read by {@code item} (AWS names the members of list items {@code name.N.member},
     * counting from 1); null when absent.
     */
    <T> List<T> optionalList(String name, int min, int max, Function<Request, T> item) {
        JsonNode n = listNode(name, min, max);
        if (n == null) {
            return null;
        }
        List<T> out = new ArrayList<>(n.size());
        int i = 1;
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw wrongType(name, e, "a structure");
            }
            out.add(item.apply(new Request((ObjectNode) e, path(name) + "." + i + ".member.", violations)));
            i++;
        }
        return out;
    }

    <T> List<T> requiredList(String name, int min, int max, Function<Request, T> item) {
        List<T> l = optionalList(name, min, max, item);
        if (l == null) {
            missing(name);
        }
        return l;
    }

    /** A list of strings; null when absent. */
    List<String> optionalStringList(String name, int itemMin, int itemMax) {
        JsonNode n = listNode(name, 0, Integer.MAX_VALUE);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>(n.size());
        int i = 1;
        for (JsonNode e : n) {
            String itemName = name + "." + i + ".member";
            if (!e.isTextual()) {
                throw wrongType(itemName, e, "a String");
            }
            String s = e.textValue();
            if (s.length() < itemMin) {
                violation(s, itemName, "Member must have length greater than or equal to " + itemMin);
            } else if (s.length() > itemMax) {
                violation(s, itemName, "Member must have length less than or equal to " + itemMax);
            }
            out.add(s);
            i++;
        }
        return out;
    }

    List<String> requiredStringList(String name, int itemMin, int itemMax) {
        List<String> l = optionalStringList(name, itemMin, itemMax);
        if (l == null) {
            missing(name);
        }
        return l;
    }

    private JsonNode listNode(String name, int min, int max) {
        JsonNode n = member(name);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw wrongType(name, n, "a list");
        }
        if (n.size() < min) {
            violation(n.toString(), name, "Member must have length greater than or equal to " + min);
        } else if (n.size() > max) {
            violation(n.toString(), name, "Member must have length less than or equal to " + max);
        }
        return n;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Records a violation when a required member is absent (for members read another way). */
    void require(String name) {
        if (member(name) == null) {
            missing(name);
        }
    }

    /** Whether the member is present (and not null). */
    boolean has(String name) {
        return member(name) != null;
    }

    private JsonNode member(String name) {
        JsonNode n = body.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private String text(String name, JsonNode n) {
        if (!n.isTextual()) {
            throw wrongType(name, n, "a String");
        }
        return n.textValue();
    }

    private String path(String name) {
        return prefix + name;
    }

    private void missing(String name) {
        violations.add("Value null at '" + path(name) + "' failed to satisfy constraint: Member must not be null");
    }

    private void violation(String value, String name, String constraint) {
        violations.add("Value '" + value + "' at '" + path(name) + "' failed to satisfy constraint: " + constraint);
    }

    /** AWS's deserializer names the JSON token it found where another was expected. */
    private ApiException wrongType(String name, JsonNode n, String expected) {
        String found = switch (n.getNodeType()) {
            case OBJECT -> "Start of structure or map found where not expected.";
            case ARRAY -> "Start of list found where not expected.";
            case STRING -> "STRING_VALUE can not be converted to " + expected + ".";
            case NUMBER -> "NUMBER_VALUE can not be converted to " + expected + ".";
            case BOOLEAN -> "BOOLEAN_VALUE can not be converted to " + expected + ".";
            default -> n.getNodeType() + " can not be converted to " + expected + ".";
        };
        return Errors.serialization(found + " (member '" + path(name) + "')");
    }
}
