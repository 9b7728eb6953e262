package io.conflux.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled JSONata template: a JSON value whose {@code "{% … %}"} strings are evaluated, everything else literal.
 * A subtree without expressions is one {@link Literal} holding the definition's own node, shared by every evaluation.
 */
public sealed interface JsonataTemplate extends Template {

    /** Every expression in the template, in document order (for validators: the variables and fields they read). */
    List<JsonataExpr> expressions();

    /** A value without expressions. */
    record Literal(JsonNode value) implements JsonataTemplate {
        @Override
        public JsonNode evaluate(Scope scope) {
            return value;
        }

        @Override
        public List<JsonataExpr> expressions() {
            return List.of();
        }
    }

    /** A {@code "{% … %}"} string. */
    record Expression(JsonataExpr expr) implements JsonataTemplate {
        @Override
        public JsonNode evaluate(Scope scope) {
            return expr.evaluate(scope);
        }

        @Override
        public List<JsonataExpr> expressions() {
            return List.of(expr);
        }
    }

    /** An object with expressions somewhere below; fields keep the definition's order. */
    record ObjectTemplate(List<String> keys, List<JsonataTemplate> values) implements JsonataTemplate {
        public ObjectTemplate {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }

        @Override
        public JsonNode evaluate(Scope scope) {
            ObjectNode out = Json.object();
            for (int i = 0; i < keys.size(); i++) {
                out.set(keys.get(i), values.get(i).evaluate(scope));
            }
            return out;
        }

        @Override
        public List<JsonataExpr> expressions() {
            List<JsonataExpr> out = new ArrayList<>();
            values.forEach(v -> out.addAll(v.expressions()));
            return out;
        }
    }

    /** An array with expressions somewhere below. */
    record ArrayTemplate(List<JsonataTemplate> elements) implements JsonataTemplate {
        public ArrayTemplate {
            elements = List.copyOf(elements);
        }

        @Override
        public JsonNode evaluate(Scope scope) {
            ArrayNode out = Json.NODES.arrayNode(elements.size());
            for (JsonataTemplate e : elements) {
                out.add(e.evaluate(scope));
            }
            return out;
        }

        @Override
        public List<JsonataExpr> expressions() {
            List<JsonataExpr> out = new ArrayList<>();
            elements.forEach(e -> out.addAll(e.expressions()));
            return out;
        }
    }
}
