package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength and ArrayUnique. Items are shared
 * with the input, never copied. Values compare as JSON trees (object key order does not matter); as in AWS's Java,
 * an integer never equals a decimal ({@code 1} is not {@code 1.0}).
 */
final class ArrayFunctions {
    /** AWS: "The newly generated array can't contain more than 1000 items." */
    static final int MAX_RANGE_ITEMS = 1000;

    private ArrayFunctions() {}

    static JsonNode array(List<JsonNode> args, Scope scope) {
        ArrayNode out = Json.array();
        out.addAll(args);
        return out;
    }

    static void checkChunkSize(JsonNode v) {
        int size = Numbers.truncate(v, "the chunk size of States.ArrayPartition");
        if (size <= 0) {
            throw new BadArgument("Expected the chunk size of States.ArrayPartition to be a positive integer, but got "
                    + v.asText());
        }
    }

    static JsonNode partition(List<JsonNode> args, Scope scope) {
        JsonNode array = args.get(0);
        int size = Numbers.truncate(args.get(1), "the chunk size");
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (JsonNode item : array) {
            if (chunk == null || chunk.size() == size) {
                chunk = out.addArray();
            }
            chunk.add(item);
        }
        return out;
    }

    static JsonNode contains(List<JsonNode> args, Scope scope) {
        JsonNode wanted = args.get(1);
        for (JsonNode item : args.get(0)) {
            if (item.equals(wanted)) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }

    static void checkStep(JsonNode v) {
        if (Numbers.truncate(v, "the step of States.ArrayRange") == 0) {
            throw new BadArgument("Expected the step of States.ArrayRange to be a non-zero integer, but got "
                    + v.asText());
        }
    }

    /** From the first to the last item inclusive, when the step lands on it; empty when the step points away. */
    static JsonNode range(List<JsonNode> args, Scope scope) {
        long first = Numbers.truncate(args.get(0), "the first item");
        long last = Numbers.truncate(args.get(1), "the last item");
        long step = Numbers.truncate(args.get(2), "the step");
        long distance = last - first;
        long count = distance != 0 && Long.signum(distance) != Long.signum(step) ? 0 : distance / step + 1;
        if (count > MAX_RANGE_ITEMS) {
            throw new BadArgument("Expected States.ArrayRange to produce at most " + MAX_RANGE_ITEMS
                    + " items, but from " + first + " to " + last + " by " + step + " it produces " + count);
        }
        ArrayNode out = Json.array();
        for (long i = 0; i < count; i++) {
            out.add(Values.integer(first + i * step));
        }
        return out;
    }

    static void checkIndex(JsonNode v) {
        if (Numbers.truncate(v, "the index of States.ArrayGetItem") < 0) {
            throw new BadArgument("Expected the index of States.ArrayGetItem to be zero or more, but got "
                    + v.asText());
        }
    }

    static JsonNode getItem(List<JsonNode> args, Scope scope) {
        JsonNode array = args.get(0);
        int index = Numbers.truncate(args.get(1), "the index");
        if (index >= array.size()) {
            throw new BadArgument("Expected the index of States.ArrayGetItem to be less than the array's length "
                    + array.size() + ", but got " + index);
        }
        return array.get(index);
    }

    static JsonNode length(List<JsonNode> args, Scope scope) {
        return Values.integer(args.get(0).size());
    }

    /** Keeps the first occurrence of each value, in order. */
    static JsonNode unique(List<JsonNode> args, Scope scope) {
        JsonNode array = args.get(0);
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (JsonNode item : array) {
            seen.add(item);
        }
        if (seen.size() == array.size()) {
            return array;
        }
        ArrayNode out = Json.array();
        out.addAll(seen);
        return out;
    }
}
