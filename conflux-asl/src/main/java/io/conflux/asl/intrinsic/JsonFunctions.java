package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import java.util.List;

/** States.StringToJson, States.JsonToString and States.JsonMerge. */
final class JsonFunctions {
    private JsonFunctions() {}

    /** Parses JSON text. AWS answers null for an empty or blank string (recorded). */
    static JsonNode stringToJson(List<JsonNode> args, Scope scope) {
        String text = args.get(0).asText();
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new BadArgument("Expected the argument of States.StringToJson to be JSON text, but "
                    + Values.describe(args.get(0)) + " is not: " + e.getOriginalMessage());
        }
        return parsed.isMissingNode() ? NullNode.getInstance() : parsed;
    }

    /** Compact JSON text, as AWS writes it: {@code [1,2,"HelloWorld"]}, {@code {"Arg1":1,"Arg2":[]}}. */
    static JsonNode jsonToString(List<JsonNode> args, Scope scope) {
        return Values.text(Json.write(args.get(0)));
    }

    static void checkShallow(JsonNode deep) {
        if (deep.booleanValue()) {
            throw new BadArgument("Expected the third argument of States.JsonMerge to be false, but got true: "
                    + "Step Functions only supports shallow merging");
        }
    }

    /** A shallow merge: the second object's members replace the first's; nested objects are not merged. */
    static JsonNode merge(List<JsonNode> args, Scope scope) {
        ObjectNode out = Json.object();
        out.setAll((ObjectNode) args.get(0));
        out.setAll((ObjectNode) args.get(1));
        return out;
    }
}
