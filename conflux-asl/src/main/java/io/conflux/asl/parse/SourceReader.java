package io.conflux.asl.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conflux.asl.Asl;
import io.conflux.asl.DiagnosticCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns definition text (JSON, or YAML for hand-written files) into a tree, reporting syntax errors as AWS does.
 *
 * <p>The tree is built from the token stream here rather than by {@code ObjectMapper.readTree} for two reasons. A
 * repeated key is not a syntax error to AWS: the last value wins, and a repeated state name is reported later as
 * DUPLICATE_STATE_NAME, so the pointers of repeated keys are kept. And the streaming parser words its errors as the
 * Jackson behind AWS does, where the tree reader of our newer Jackson words some of them differently.
 */
final class SourceReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("^Unrecognized token '(.*)': was expecting");

    /**
     * A definition as a tree.
     *
     * @param repeatedKeys pointers of the keys that appear more than once in their object
     */
    record Source(JsonNode root, Set<String> repeatedKeys) {}

    private final Asl.Format format;
    private final DiagnosticSink sink;
    private final Set<String> repeatedKeys = new HashSet<>();

    SourceReader(Asl.Format format, DiagnosticSink sink) {
        this.format = format;
        this.sink = sink;
    }

    /** The tree, or null after reporting why there is none. */
    Source read(String text) {
        if (text == null || text.isBlank()) {
            sink.report("/", DiagnosticCodes.MISSING_DESCRIPTION, "Received a null or empty workflow input.");
            return null;
        }
        boolean yaml = switch (format) {
            case JSON -> false;
            case YAML -> true;
            case AUTO -> !looksLikeJson(text);
        };
        try (JsonParser parser = yaml ? YAML.createParser(text) : JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                sink.report("/", DiagnosticCodes.MISSING_DESCRIPTION, "Received a null or empty workflow input.");
                return null;
            }
            JsonNode root = value(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                JsonLocation loc = parser.currentTokenLocation();
                syntaxError("Trailing token (of type " + trailing + ") found after the definition", loc);
                return null;
            }
            return new Source(root, repeatedKeys);
        } catch (JsonProcessingException e) {
            syntaxError(e.getOriginalMessage(), e.getLocation());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    private JsonNode value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (object.has(name)) {
                        repeatedKeys.add(p.getParsingContext().pathAsPointer().toString());
                    }
                    p.nextToken();
                    object.set(name, value(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(p.getEmbeddedObject());
            default -> throw new IllegalStateException("Unexpected token at a value: " + p.currentToken());
        };
    }

    /**
     * Reports a syntax error as AWS prints it: the parser's message, then {@code "\n at "} and the location, which is
     * also the diagnostic's location.
     */
    private void syntaxError(String message, JsonLocation loc) {
        if (loc == null) {
            sink.report("/", DiagnosticCodes.INVALID_JSON_DESCRIPTION, message);
            return;
        }
        int column = loc.getColumnNr();
        Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
        if (token.find()) {
            // Newer Jackson places an unrecognized token at its first character; the Jackson behind AWS places it
            // just after its last one.
            column += token.group(1).length();
        }
        String location = "[Source: " + loc.sourceDescription() + "; line: " + loc.getLineNr() + ", column: "
                + column + "]";
        sink.reportAt(location, DiagnosticCodes.INVALID_JSON_DESCRIPTION, message + "\n at " + location);
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }
}
