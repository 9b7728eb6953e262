package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a problem is, in the three forms a {@link io.conflux.asl.Diagnostic} carries. The parser works with RFC 6901
 * pointers (as {@link io.conflux.asl.expr.Problems} builds them, {@code "/"} for the root); AWS prints a location
 * that looks like one but is not: state names are not escaped ({@code /States/a/b}) and array items are indexed
 * ({@code /States/P/Branches[0]/States/B}). Telling an index from a member named {@code "0"} needs the tree, which is
 * why this walks it.
 */
final class Locations {
    private Locations() {}

    /** The three forms of one place. */
    record Where(String location, String pointer, String stateName) {}

    private enum Context {
        GRAPH, // an object with StartAt and States: the machine, a branch, an item processor
        STATES, // the States object of a graph: the next token names a state
        STATE, // a state object
        BRANCHES, // the Branches array of a Parallel state: the next token indexes a graph
        OTHER // anywhere else: no states below
    }

    static Where of(JsonNode root, String pointer) {
        if (pointer == null || pointer.equals("/") || pointer.isEmpty()) {
            return new Where("/", "", null);
        }
        StringBuilder location = new StringBuilder();
        JsonNode node = root;
        Context context = Context.GRAPH;
        String stateName = null;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            boolean index = node != null && node.isArray() && isIndex(token);
            location.append(index ? "[" + token + "]" : "/" + token);
            context = switch (context) {
                case GRAPH -> token.equals("States") ? Context.STATES : Context.OTHER;
                case STATES -> {
                    stateName = token;
                    yield Context.STATE;
                }
                case STATE -> switch (token) {
                    case "ItemProcessor", "Iterator" -> Context.GRAPH;
                    case "Branches" -> Context.BRANCHES;
                    default -> Context.OTHER;
                };
                case BRANCHES -> index ? Context.GRAPH : Context.OTHER;
                case OTHER -> Context.OTHER;
            };
            node = node == null ? null : index ? node.get(Integer.parseInt(token)) : node.get(token);
        }
        return new Where(location.toString(), pointer, stateName);
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
