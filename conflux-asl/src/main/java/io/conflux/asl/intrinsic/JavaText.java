package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * How States.Format writes a value into its template. AWS's interpreter is Java and formats the value as Java prints
 * the object JSON turns into, not as JSON: strings without quotes, objects as {@code {Arg1=1, Arg2=[]}}, arrays as
 * {@code [1, 2]}, decimals as {@code Double.toString} does ({@code 1.1}, {@code 1.0E21}). The object and null forms
 * are recorded ({@code {Id=arn:…, Name=…}}, {@code null}).
 */
final class JavaText {
    private JavaText() {}

    static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    static void append(StringBuilder out, JsonNode value) {
        switch (value.getNodeType()) {
            case STRING -> out.append(value.textValue());
            case NUMBER -> out.append(value.isIntegralNumber()
                    ? value.bigIntegerValue().toString()
                    : Double.toString(value.doubleValue()));
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL, MISSING -> out.append("null");
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    append(out, value.get(i));
                }
                out.append(']');
            }
            case OBJECT -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.append(e.getKey()).append('=');
                    append(out, e.getValue());
                    if (it.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append('}');
            }
            case BINARY, POJO -> out.append(value.asText());
        }
    }
}
