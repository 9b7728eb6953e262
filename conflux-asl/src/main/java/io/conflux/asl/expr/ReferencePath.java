package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path made only of member names and array indexes, such as {@code $.a['b c'][0]}: what AWS calls a reference
 * path. It can be read and, unlike a general JSONPath, written: ResultPath uses {@link #set}.
 */
public final class ReferencePath {

    /** One step: a member name, or an index when {@code name} is null. */
    public record Segment(String name, int index) {
        public boolean isIndex() {
            return name == null;
        }
    }

    public static final ReferencePath ROOT = new ReferencePath("$", List.of());

    private final String text;
    private final List<Segment> segments;

    private ReferencePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    public List<Segment> segments() {
        return segments;
    }

    public String text() {
        return text;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** Parses {@code text} (which starts with '$'), or returns null if it is not a plain reference path. */
    public static ReferencePath tryParse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '$') {
            return null;
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    char d = text.charAt(i);
                    // Characters that have a meaning in JSONPath make this more than a reference path.
                    if (d == '*' || d == '(' || d == ')' || d == '?' || d == '@' || d == ']' || d == '\''
                            || d == '"' || d == ',' || Character.isWhitespace(d)) {
                        return null;
                    }
                    i++;
                }
                if (i == start) {
                    return null; // ".." (descent) or a trailing '.'
                }
                segments.add(new Segment(text.substring(start, i), -1));
            } else if (c == '[') {
                i++;
                if (i >= n) {
                    return null;
                }
                char q = text.charAt(i);
                if (q == '\'' || q == '"') {
                    i++;
                    StringBuilder name = new StringBuilder();
                    while (i < n && text.charAt(i) != q) {
                        char d = text.charAt(i);
                        // Only the quote itself and the backslash are escaped; AWS keeps any other backslash.
                        if (d == '\\' && i + 1 < n && (text.charAt(i + 1) == q || text.charAt(i + 1) == '\\')) {
                            i++;
                            d = text.charAt(i);
                        }
                        name.append(d);
                        i++;
                    }
                    if (i + 1 >= n || text.charAt(i + 1) != ']') {
                        return null;
                    }
                    segments.add(new Segment(name.toString(), -1));
                    i += 2;
                } else {
                    int start = i;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    if (i == start || i >= n || text.charAt(i) != ']') {
                        return null;
                    }
                    int index;
                    try {
                        index = Integer.parseInt(text.substring(start, i));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    segments.add(new Segment(null, index));
                    i++;
                }
            } else {
                return null;
            }
        }
        return new ReferencePath(text, List.copyOf(segments));
    }

    /** The node at this path in {@code root}, or null when there is none. */
    public JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (Segment s : segments) {
            if (node == null) {
                return null;
            }
            if (s.isIndex()) {
                if (!node.isArray()) {
                    return null;
                }
                node = node.get(s.index());
            } else {
                if (!node.isObject()) {
                    return null;
                }
                node = node.get(s.name());
            }
        }
        return node;
    }

    /**
     * Returns a copy of {@code root} with {@code value} placed at this path, creating objects along the way where
     * members are missing. Only the nodes on the path are copied; the rest is shared.
     *
     * @return null when the path cannot be placed (it crosses a value that is not an object, or an index that does
     *     not exist)
     */
    public JsonNode set(JsonNode root, JsonNode value) {
        return set(root, 0, value);
    }

    private JsonNode set(JsonNode node, int depth, JsonNode value) {
        if (depth == segments.size()) {
            return value;
        }
        Segment s = segments.get(depth);
        if (s.isIndex()) {
            if (node == null || !node.isArray() || s.index() >= node.size()) {
                return null;
            }
            JsonNode child = set(node.get(s.index()), depth + 1, value);
            if (child == null) {
                return null;
            }
            ArrayNode copy = Json.array();
            copy.addAll((ArrayNode) node);
            copy.set(s.index(), child);
            return copy;
        }
        ObjectNode copy;
        JsonNode existing;
        if (node == null) {
            copy = Json.object();
            existing = null;
        } else if (node.isObject()) {
            copy = shallowCopy((ObjectNode) node);
            existing = node.get(s.name());
        } else {
            return null;
        }
        JsonNode child = set(existing, depth + 1, value);
        if (child == null) {
            return null;
        }
        copy.set(s.name(), child);
        return copy;
    }

    private static ObjectNode shallowCopy(ObjectNode node) {
        ObjectNode copy = Json.object();
        copy.setAll(node);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
