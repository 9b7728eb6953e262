package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import java.util.List;
import java.util.StringTokenizer;

/** States.StringSplit, and States.Format when its template is only known at run time. */
final class StringFunctions {
    private StringFunctions() {}

    /**
     * Splits on every character of the delimiter string and drops empty pieces: {@code ",,,,"} split on {@code ","}
     * is {@code []}, {@code "This.is+a,test=string"} split on {@code ".+,="} is five words (both recorded). That is
     * exactly {@link StringTokenizer}'s behaviour.
     */
    static JsonNode split(List<JsonNode> args, Scope scope) {
        StringTokenizer tokens = new StringTokenizer(args.get(0).asText(), args.get(1).asText());
        ArrayNode out = Json.array();
        while (tokens.hasMoreTokens()) {
            out.add(tokens.nextToken());
        }
        return out;
    }

    /** States.Format whose template comes from a path or a call; a literal template is compiled at load time. */
    static JsonNode format(List<JsonNode> args, Scope scope) {
        FormatTemplate template = FormatTemplate.ofValue(args.get(0).asText());
        List<JsonNode> values = args.subList(1, args.size());
        template.checkArgumentCount(values.size());
        return Values.text(template.render(values));
    }
}
