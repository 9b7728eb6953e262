package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts between Jackson trees and the plain Java values the JSONata library evaluates over, with JavaScript's
 * number model, because AWS runs JSONata in JavaScript: a number is a double, and a whole double is written without
 * a fraction ({@code 1}, never {@code 1.0}).
 *
 * <p>Input goes in as read-only views, so an expression pays only for the part of the input it reads, and a value
 * that comes out unchanged (say {@code $states.input.order}) is handed back as the very node that went in: no copy.
 * Java {@code null} is JSONata's <em>undefined</em>; JSON null is {@link Jsonata#NULL_VALUE}.
 */
final class JsonValues {
    /** Past this, JavaScript writes a whole number in exponent notation, and so do we. */
    private static final double EXPONENT_NOTATION = 1e21;
    /** The integers a double holds exactly. */
    private static final double SAFE_INTEGER = 9007199254740992d;

    private JsonValues() {}

    /** The JSONata value of {@code node}: undefined for a missing node, {@code NULL_VALUE} for JSON null. */
    static Object toJsonata(JsonNode node) {
        if (node == null) {
            return null;
        }
        return switch (node.getNodeType()) {
            case OBJECT -> new ObjectView((ObjectNode) node);
            case ARRAY -> new ArrayView((ArrayNode) node);
            case STRING -> node.textValue();
            case NUMBER -> number(node);
            case BOOLEAN -> node.booleanValue();
            case NULL -> Jsonata.NULL_VALUE;
            case MISSING -> null;
            case BINARY, POJO -> node.asText();
        };
    }

    private static Object number(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        // BigInteger, float, double and BigDecimal all become the double JavaScript would hold
        return normalize(node.doubleValue());
    }

    /** A whole double becomes an integer, as JavaScript prints it, so {@code $string(1.0)} is {@code "1"}. */
    static Object normalize(double d) {
        if (d == Math.rint(d) && Math.abs(d) < SAFE_INTEGER) {
            long l = (long) d;
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        return d;
    }

    /** Whether JSONata treats {@code value} as a function: lambdas, built-ins, partial applications and regexes. */
    static boolean isFunction(Object value) {
        return Utils.isFunction(value) || Functions.isLambda(value) || value instanceof Jsonata.JLambda
                || value instanceof Pattern || value instanceof com.dashjoin.jsonata.Parser.Symbol;
    }

    /**
     * The JSON of a JSONata value as JavaScript's {@code JSON.stringify} sees it: undefined and functions vanish from
     * objects and become null in arrays. Returns null for undefined; the caller has already refused a function at the
     * top.
     */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ObjectView view) {
            return view.node;
        }
        if (value instanceof ArrayView view) {
            return view.node;
        }
        if (value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return numberNode(n);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = e.getValue();
                if (v != null && !isFunction(v)) {
                    out.set(String.valueOf(e.getKey()), toJson(v));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode(list.size());
            for (Object v : list) {
                out.add(v == null || isFunction(v) ? Json.NODES.nullNode() : toJson(v));
            }
            return out;
        }
        if (isFunction(value)) {
            return Json.NODES.nullNode();
        }
        return Json.NODES.textNode(String.valueOf(value));
    }

    static JsonNode numberNode(Number n) {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Json.NODES.numberNode(n.intValue());
        }
        if (n instanceof Long l) {
            return Json.NODES.numberNode(l);
        }
        if (n instanceof BigInteger b) {
            return Json.NODES.numberNode(b);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            // JSON.stringify writes a non-finite number as null
            return Json.NODES.nullNode();
        }
        if (d == Math.rint(d) && Math.abs(d) < EXPONENT_NOTATION) {
            if (Math.abs(d) < 9.2e18) {
                long l = (long) d;
                return l == (int) l ? Json.NODES.numberNode((int) l) : Json.NODES.numberNode(l);
            }
            // the digits JavaScript prints: the shortest decimal that reads back as d, padded with zeros
            return Json.NODES.numberNode(new BigDecimal(Double.toString(d)).toBigInteger());
        }
        return Json.NODES.numberNode(d);
    }

    /** JSONata's type name of a value, as {@code $type} reports it and as AWS names it in messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value == Jsonata.NULL_VALUE) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List) {
            return "array";
        }
        if (isFunction(value)) {
            return "function";
        }
        return "object";
    }

    /** A read-only object over a Jackson object; children are converted as they are read. */
    static final class ObjectView extends AbstractMap<String, Object> {
        final ObjectNode node;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            return key instanceof String k ? toJsonata(node.get(k)) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && node.has(k);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, JsonNode>> fields = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<String, JsonNode> e = fields.next();
                            return new SimpleImmutableEntry<>(e.getKey(), toJsonata(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    /** A read-only array over a Jackson array; elements are converted as they are read. */
    static final class ArrayView extends AbstractList<Object> implements RandomAccess {
        final ArrayNode node;

        ArrayView(ArrayNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            JsonNode e = node.get(index);
            if (e == null) {
                throw new IndexOutOfBoundsException(index);
            }
            return toJsonata(e);
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
