package io.conflux.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The reserved variable {@code $states}: {@code input}, {@code context}, and {@code result} or {@code errorOutput}
 * where the state defines them. Each field is read from the scope only when the expression reads it, because the
 * context object is built on demand.
 */
final class StatesView extends AbstractMap<String, Object> {
    private static final List<String> FIELDS = List.of("input", "context", "result", "errorOutput");

    private final Scope scope;

    StatesView(Scope scope) {
        this.scope = scope;
    }

    private JsonNode field(String name) {
        return switch (name) {
            case "input" -> scope.input();
            case "context" -> scope.context();
            case "result" -> scope.result();
            case "errorOutput" -> scope.errorOutput();
            default -> null;
        };
    }

    @Override
    public Object get(Object key) {
        return key instanceof String k ? JsonValues.toJsonata(field(k)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && field(k) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        // In AWS's order: input, context, then result or errorOutput (TestState records show it so).
        List<Entry<String, Object>> entries = new ArrayList<>(3);
        for (String name : FIELDS) {
            JsonNode value = field(name);
            if (value != null) {
                entries.add(new SimpleImmutableEntry<>(name, JsonValues.toJsonata(value)));
            }
        }
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return entries.iterator();
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }
}
