package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.EnumSet;

/**
 * A compiled ASL path: {@code $…} over the state input, {@code $$…} over the context object, or {@code $name…} over
 * a variable. The query itself is Jayway JsonPath, which is also what AWS runs, so results and messages agree.
 *
 * <p>Paths made only of names and indexes ({@code $.a.b[0]}) are walked directly: they are the common case and
 * walking avoids Jayway's per-call set-up. Everything else (filters, wildcards, slices, recursive descent, functions)
 * goes through Jayway.
 */
public final class JsonPath implements ValueExpr {

    /** Which value the path starts from. */
    public enum Root {
        INPUT,
        CONTEXT,
        VARIABLE
    }

    static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();

    private final String text;
    private final Root root;
    private final String variable;
    /** Null when the path is its root alone ({@code $}, {@code $$}, {@code $name}). */
    private final com.jayway.jsonpath.JsonPath query;
    /** Non-null when the path is a plain chain of names and indexes; walked without Jayway. */
    private final ReferencePath simple;

    private JsonPath(String text, Root root, String variable, com.jayway.jsonpath.JsonPath query, ReferencePath simple) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.query = query;
        this.simple = simple;
    }

    /** Compiles {@code text}; variables ({@code $name}) are allowed only when {@code allowVariables}. */
    public static JsonPath compile(String text, boolean allowVariables) throws InvalidExpressionException {
        if (text == null || !text.startsWith("$")) {
            throw new InvalidExpressionException("The value '" + text + "' is not a valid JSONPath: it must start with '$'");
        }
        Root root;
        String variable = null;
        String rest; // the query over the root value, in Jayway syntax starting with '$'
        if (text.startsWith("$$")) {
            root = Root.CONTEXT;
            rest = text.substring(1);
        } else if (text.length() > 1 && isNameStart(text.charAt(1))) {
            if (!allowVariables) {
                throw new InvalidExpressionException("The value '" + text + "' is not a valid JSONPath");
            }
            int end = 1;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            root = Root.VARIABLE;
            variable = text.substring(1, end);
            rest = "$" + text.substring(end);
        } else {
            root = Root.INPUT;
            rest = text;
        }
        if (rest.equals("$")) {
            return new JsonPath(text, root, variable, null, ReferencePath.ROOT);
        }
        ReferencePath simple = ReferencePath.tryParse(rest);
        com.jayway.jsonpath.JsonPath query;
        try {
            query = com.jayway.jsonpath.JsonPath.compile(rest);
        } catch (RuntimeException e) {
            throw new InvalidExpressionException("The value '" + text + "' is not a valid JSONPath: " + e.getMessage());
        }
        return new JsonPath(text, root, variable, query, simple);
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    public Root root() {
        return root;
    }

    /** The variable name for {@link Root#VARIABLE} paths, else null. */
    public String variable() {
        return variable;
    }

    /** Whether the path always selects at most one node (no wildcards, filters, slices or descent). */
    public boolean isDefinite() {
        return query == null || query.isDefinite();
    }

    /** Whether the path is its root alone, e.g. {@code $}. */
    public boolean isRoot() {
        return query == null;
    }

    /** The path relative to its root, as a chain of names and indexes, or null if it is not that simple. */
    public ReferencePath reference() {
        return simple;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Selects from {@code scope}. A definite path that matches nothing throws {@link PathNotFoundException}; an
     * indefinite one returns an empty array.
     */
    @Override
    public JsonNode evaluate(Scope scope) {
        JsonNode start = switch (root) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> {
                JsonNode v = scope.variable(variable);
                if (v == null) {
                    throw new PathNotFoundException(text, "Variable '" + variable + "' is not defined");
                }
                yield v;
            }
        };
        return select(start);
    }

    /** Selects from {@code value} as if it were this path's root. */
    public JsonNode select(JsonNode value) {
        if (simple != null) {
            JsonNode found = simple.get(value);
            if (found != null) {
                return found;
            }
            // Not found: let Jayway word the failure, so messages match AWS's exactly.
        }
        try {
            Object result = query.read(value, JAYWAY);
            // Path functions such as length() answer with plain Java values.
            return result instanceof JsonNode node ? node : Json.MAPPER.valueToTree(result);
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            if (!query.isDefinite()) {
                return Json.array(); // AWS: an indefinite path that finds nothing selects an empty list
            }
            throw new PathNotFoundException(text, e.getMessage());
        } catch (com.jayway.jsonpath.InvalidPathException e) {
            throw new PathNotFoundException(text, e.getMessage());
        }
    }

    /** Like {@link #evaluate} but returns null when a definite path matches nothing. */
    public JsonNode evaluateOrNull(Scope scope) {
        try {
            return evaluate(scope);
        } catch (PathNotFoundException e) {
            return null;
        }
    }
}
