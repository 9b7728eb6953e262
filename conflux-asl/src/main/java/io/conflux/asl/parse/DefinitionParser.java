package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.DUPLICATE_STATE_NAME;
import static io.conflux.asl.DiagnosticCodes.MISSING_TRANSITION_TARGET;
import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a definition into the compiled model, collecting every problem instead of stopping at the first. The work is
 * split by concern: {@link SourceReader} turns text into a tree, {@link StateReader} compiles one state,
 * {@link GraphChecks} checks transitions and reachability once all states are known.
 */
public final class DefinitionParser {
    private static final List<String> MACHINE_FIELDS =
            List.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");

    private final Asl.Options options;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Every state name seen anywhere, with its pointer: names must be unique across branches too. */
    private final Map<String, String> allNames = new HashMap<>();

    public DefinitionParser(Asl.Options options) {
        this.options = options;
    }

    public ParseResult parse(String text) {
        JsonNode root = new SourceReader(options.format(), this::report).read(text);
        if (root == null) {
            return new ParseResult(null, diagnostics);
        }
        StateMachine machine = machine(root);
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(failed ? null : machine, diagnostics);
    }

    void report(String pointer, String code, String message) {
        diagnostics.add(Diagnostic.error(code, pointer, stateNameOf(pointer), message));
    }

    void warn(String pointer, String code, String message) {
        diagnostics.add(Diagnostic.warning(code, pointer, stateNameOf(pointer), message));
    }

    /** The innermost state a pointer lies in, e.g. "B" for /States/A/Branches/0/States/B/Next. */
    private static String stateNameOf(String pointer) {
        String[] tokens = pointer.split("/");
        String name = null;
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (tokens[i].equals("States")) {
                name = tokens[i + 1].replace("~1", "/").replace("~0", "~");
                i++;
            }
        }
        return name;
    }

    private StateMachine machine(JsonNode root) {
        Problems problems = this::report;
        if (!root.isObject()) {
            report("/", SCHEMA_VALIDATION_FAILED, "The definition must be a JSON object but was " + Fields.typeOf(root));
            return null;
        }
        Fields fields = new Fields(root, "/", problems);
        List<String> missing = new ArrayList<>();
        if (!root.has("States")) {
            missing.add("States");
        }
        if (!root.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            report("/", SCHEMA_VALIDATION_FAILED, "These fields are required: " + missing);
        }
        fields.rejectUnknown(MACHINE_FIELDS);
        String comment = fields.optionalString("Comment");
        String version = fields.optionalString("Version");
        QueryLanguage language = QueryLanguage.JSONPATH;
        JsonNode ql = root.get("QueryLanguage");
        if (ql != null) {
            QueryLanguage parsed = ql.isTextual() ? QueryLanguage.fromAslName(ql.asText()) : null;
            if (parsed == null) {
                report("/QueryLanguage", SCHEMA_VALIDATION_FAILED,
                        "The value of 'QueryLanguage' must be one of [JSONPath, JSONata] but was " + ql);
            } else {
                language = parsed;
            }
        }
        Long timeout = null;
        JsonNode t = root.get("TimeoutSeconds");
        if (t != null) {
            if (!t.canConvertToExactIntegral() || t.asLong() < 0 || t.asLong() > Integer.MAX_VALUE) {
                report("/TimeoutSeconds", SCHEMA_VALIDATION_FAILED,
                        "The value of 'TimeoutSeconds' must be a non-negative integer but was " + t);
            } else {
                timeout = t.asLong();
            }
        }
        StateGraph graph = root.has("States") || root.has("StartAt") ? graph(root, "/", language, 0) : null;
        return new StateMachine(comment, graph, language, timeout, version, root);
    }

    /**
     * Reads a StartAt + States object: the machine, a Parallel branch or a Map processor.
     *
     * @param depth how many Parallel/Map levels enclose it, 0 for the machine
     */
    StateGraph graph(JsonNode node, String pointer, QueryLanguage language, int depth) {
        Fields fields = new Fields(node, pointer, this::report);
        String startAt = fields.requiredString("StartAt");
        String comment = fields.optionalString("Comment");
        JsonNode statesNode = node.get("States");
        String statesPointer = Problems.child(pointer, "States");
        Map<String, State> states = new LinkedHashMap<>();
        if (statesNode != null && !statesNode.isObject()) {
            report(statesPointer, SCHEMA_VALIDATION_FAILED,
                    "The value of 'States' must be an object but was " + Fields.typeOf(statesNode));
        } else if (statesNode != null) {
            if (statesNode.isEmpty()) {
                report(statesPointer, SCHEMA_VALIDATION_FAILED, "'States' must have at least one state");
            }
            for (Map.Entry<String, JsonNode> e : statesNode.properties()) {
                String name = e.getKey();
                String at = Problems.child(statesPointer, name);
                checkName(name, at);
                State state = new StateReader(this, language, depth).read(name, e.getValue(), at);
                if (state != null) {
                    states.put(name, state);
                }
            }
        }
        if (startAt != null && statesNode != null && statesNode.isObject() && !statesNode.has(startAt)) {
            report(Problems.child(pointer, "StartAt"), MISSING_TRANSITION_TARGET,
                    "Missing 'StartAt' target: " + startAt);
        }
        StateGraph graph = new StateGraph(startAt, states, comment, pointer);
        if (statesNode != null && statesNode.isObject() && startAt != null) {
            new GraphChecks(this::report).check(graph, statesNode, statesPointer);
        }
        return graph;
    }

    private void checkName(String name, String pointer) {
        String previous = allNames.putIfAbsent(name, pointer);
        if (previous != null) {
            report(pointer, DUPLICATE_STATE_NAME, "Duplicate State name: " + name);
        }
        if (name.isEmpty() || name.length() > 80) {
            report(pointer, io.conflux.asl.DiagnosticCodes.INVALID_STATE_NAME,
                    "State names must be 1 to 80 characters long: " + name);
        }
    }

    Asl.Options options() {
        return options;
    }
}
