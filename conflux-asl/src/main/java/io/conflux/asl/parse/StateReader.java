package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.INVALID_JSON_PATH;
import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.choice.ChoiceCompiler;
import io.conflux.asl.choice.Condition;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathTemplate;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.ReferencePath;
import io.conflux.asl.expr.Template;
import io.conflux.asl.expr.ValueExpr;
import io.conflux.asl.jsonata.JsonataCompiler;
import io.conflux.asl.model.Catcher;
import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.Io;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.PathFilter;
import io.conflux.asl.model.ResultPath;
import io.conflux.asl.model.Retrier;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateHeader;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.TaskState;
import io.conflux.asl.model.Transition;
import io.conflux.asl.model.ValueSource;
import io.conflux.asl.model.WaitState;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles one state of a definition (and, through {@link DefinitionParser#graph}, the graphs it contains). */
final class StateReader {
    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters",
            "ResultSelector", "ResultPath", "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath",
            "TimestampPath", "ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath", "Iterator", "Result");
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final List<String> COMMON = List.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "Pass", List.of("Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Assign",
                    "Output"),
            "Task", List.of("Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                    "HeartbeatSecondsPath", "Credentials", "Arguments", "Output", "Assign"),
            "Choice", List.of("Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
            "Wait", List.of("Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath",
                    "OutputPath", "Assign", "Output"),
            "Succeed", List.of("InputPath", "OutputPath", "Output"),
            "Fail", List.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", List.of("Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Retry", "Catch", "Arguments", "Output", "Assign"),
            "Map", List.of("Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector",
                    "Parameters", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultPath", "ResultSelector",
                    "Retry", "Catch", "Output", "Assign"));

    /** AWS's upper bound for TimeoutSeconds, HeartbeatSeconds and IntervalSeconds. */
    static final long MAX_SECONDS = 99_999_999L;

    private final DefinitionParser parser;
    private final QueryLanguage machineLanguage;
    private final int depth;
    private final Problems problems;

    StateReader(DefinitionParser parser, QueryLanguage machineLanguage, int depth) {
        this.parser = parser;
        this.machineLanguage = machineLanguage;
        this.depth = depth;
        this.problems = parser::report;
    }

    State read(String name, JsonNode node, String pointer) {
        if (!node.isObject()) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED,
                    "The value of a state must be an object but was " + Fields.typeOf(node));
            return null;
        }
        Fields f = new Fields(node, pointer, problems);
        String type = f.requiredString("Type");
        if (type == null) {
            if (!node.has("Type")) {
                problems.report(pointer, SCHEMA_VALIDATION_FAILED, "These fields are required: [Type]");
            }
            return null;
        }
        List<String> own = FIELDS.get(type);
        if (own == null) {
            f.report("Type", "The value of 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, "
                    + "Map] but was " + type);
            return null;
        }
        QueryLanguage language = language(f, pointer);
        List<String> allowed = new ArrayList<>(COMMON);
        allowed.addAll(own);
        f.rejectUnknown(allowed);
        rejectOtherLanguage(f, node, language);
        StateHeader header = new StateHeader(name, f.optionalString("Comment"), language, pointer);
        return switch (type) {
            case "Pass" -> pass(header, f);
            case "Task" -> task(header, f);
            case "Choice" -> choice(header, f);
            case "Wait" -> waitState(header, f);
            case "Succeed" -> new SucceedState(header, io(header, f, false, false));
            case "Fail" -> fail(header, f);
            case "Parallel" -> parallel(header, f);
            case "Map" -> map(header, f);
            default -> throw new IllegalStateException("Unhandled state type: " + type);
        };
    }

    private QueryLanguage language(Fields f, String pointer) {
        JsonNode ql = f.get("QueryLanguage");
        if (ql == null) {
            return machineLanguage;
        }
        QueryLanguage parsed = ql.isTextual() ? QueryLanguage.fromAslName(ql.asText()) : null;
        if (parsed == null) {
            f.report("QueryLanguage", "The value of 'QueryLanguage' must be one of [JSONPath, JSONata] but was " + ql);
            return machineLanguage;
        }
        if (machineLanguage == QueryLanguage.JSONATA && parsed == QueryLanguage.JSONPATH) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED,
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
        }
        return parsed;
    }

    private void rejectOtherLanguage(Fields f, JsonNode node, QueryLanguage language) {
        Set<String> forbidden = language == QueryLanguage.JSONATA ? JSONPATH_ONLY : JSONATA_ONLY;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (forbidden.contains(e.getKey())) {
                f.report(e.getKey(), "The field '" + e.getKey() + "' is not supported for the query language "
                        + language.aslName());
            }
        }
    }

    // ---- data flow -------------------------------------------------------------------------------------------

    /**
     * The Io of a state.
     *
     * @param hasParameters whether the type takes Parameters/Arguments
     * @param hasResult whether the type produces a result (ResultSelector, ResultPath)
     */
    private Io io(StateHeader h, Fields f, boolean hasParameters, boolean hasResult) {
        if (h.queryLanguage() == QueryLanguage.JSONATA) {
            Template arguments = hasParameters ? jsonataTemplate(f, "Arguments") : null;
            return new Io(PathFilter.ALL, arguments, null, ResultPath.REPLACE, PathFilter.ALL,
                    jsonataTemplate(f, "Output"), assign(h, f));
        }
        PathFilter inputPath = pathFilter(f, "InputPath");
        PathFilter outputPath = pathFilter(f, "OutputPath");
        Template parameters = hasParameters ? pathTemplate(f, "Parameters") : null;
        Template selector = hasResult ? pathTemplate(f, "ResultSelector") : null;
        ResultPath resultPath = hasResult ? resultPath(f, "ResultPath") : ResultPath.REPLACE;
        return new Io(inputPath, parameters, selector, resultPath, outputPath, null, assign(h, f));
    }

    private Template assign(StateHeader h, Fields f) {
        JsonNode node = f.get("Assign");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            f.report("Assign", "The value of 'Assign' must be an object but was " + Fields.typeOf(node));
            return null;
        }
        return h.queryLanguage() == QueryLanguage.JSONATA
                ? JsonataCompiler.compileTemplate(node, "Assign", f.pointer("Assign"), problems)
                : PathTemplate.compile(node, f.pointer("Assign"), true, problems);
    }

    private Template jsonataTemplate(Fields f, String field) {
        JsonNode node = f.get(field);
        return node == null ? null : JsonataCompiler.compileTemplate(node, field, f.pointer(field), problems);
    }

    private Template pathTemplate(Fields f, String field) {
        JsonNode node = f.get(field);
        return node == null ? null : PathTemplate.compile(node, f.pointer(field), true, problems);
    }

    private PathFilter pathFilter(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return PathFilter.ALL;
        }
        if (node.isNull()) {
            return PathFilter.NOTHING;
        }
        JsonPath path = path(f, field);
        if (path == null) {
            return PathFilter.ALL;
        }
        return path.isRoot() && path.root() == JsonPath.Root.INPUT ? PathFilter.ALL : new PathFilter.Select(path);
    }

    /** A JSONPath field (string), or null after reporting. */
    private JsonPath path(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            f.report(field, "The value of '" + field + "' must be a STRING but was " + Fields.typeOf(node));
            return null;
        }
        try {
            return JsonPath.compile(node.asText(), true);
        } catch (InvalidExpressionException e) {
            problems.report(f.pointer(field), INVALID_JSON_PATH, e.getMessage());
            return null;
        }
    }

    /** A reference path field (ResultPath, SecondsPath, …): a definite path into the input. */
    private JsonPath referencePath(Fields f, String field) {
        JsonPath path = path(f, field);
        if (path != null && !path.isDefinite()) {
            problems.report(f.pointer(field), INVALID_JSON_PATH,
                    "The value for the field '" + field + "' must be a valid ReferencePath: " + path.text());
            return null;
        }
        return path;
    }

    private ResultPath resultPath(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return ResultPath.REPLACE;
        }
        if (node.isNull()) {
            return ResultPath.DISCARD;
        }
        if (!node.isTextual()) {
            f.report(field, "The value of '" + field + "' must be a STRING but was " + Fields.typeOf(node));
            return ResultPath.REPLACE;
        }
        ReferencePath ref = node.asText().startsWith("$$") ? null : ReferencePath.tryParse(node.asText());
        if (ref == null) {
            problems.report(f.pointer(field), INVALID_JSON_PATH,
                    "The value for the field '" + field + "' must be a valid ReferencePath: " + node.asText());
            return ResultPath.REPLACE;
        }
        return ref.isRoot() ? ResultPath.REPLACE : new ResultPath.At(ref);
    }

    private Transition transition(Fields f) {
        JsonNode next = f.get("Next");
        JsonNode end = f.get("End");
        if (next != null && end != null) {
            f.report("End", "The fields 'Next' and 'End' are mutually exclusive");
            return Transition.END;
        }
        if (next != null) {
            String target = f.requiredString("Next");
            return target == null ? Transition.END : new Transition(target);
        }
        if (end == null) {
            problems.report(f.pointer("Next").replaceAll("/Next$", ""), SCHEMA_VALIDATION_FAILED,
                    "This state must have either 'Next' or 'End'");
            return Transition.END;
        }
        if (!end.isBoolean() || !end.asBoolean()) {
            f.report("End", "The value of 'End' must be true");
        }
        return Transition.END;
    }

    // ---- state types -----------------------------------------------------------------------------------------

    private PassState pass(StateHeader h, Fields f) {
        Io io = io(h, f, true, true);
        return new PassState(h, io, transition(f), f.get("Result"));
    }

    private TaskState task(StateHeader h, Fields f) {
        String resource = f.requiredString("Resource");
        if (!f.has("Resource")) {
            problems.report(h.pointer(), SCHEMA_VALIDATION_FAILED, "These fields are required: [Resource]");
        } else if (resource != null) {
            checkResource(f, resource);
        }
        Io io = io(h, f, true, true);
        ValueSource timeout = seconds(h, f, "TimeoutSeconds", "TimeoutSecondsPath", 1);
        ValueSource heartbeat = seconds(h, f, "HeartbeatSeconds", "HeartbeatSecondsPath", 1);
        JsonNode credentials = f.get("Credentials");
        if (credentials != null) {
            if (!credentials.isObject()) {
                f.report("Credentials", "The value of 'Credentials' must be an object but was "
                        + Fields.typeOf(credentials));
            } else if (!credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
                f.report("Credentials", "The field 'RoleArn' is required but was missing");
            }
        }
        return new TaskState(h, io, transition(f), resource, credentials, timeout, heartbeat, retry(h, f),
                catchers(h, f));
    }

    private void checkResource(Fields f, String resource) {
        if (parser.options().express()) {
            if (resource.endsWith(".waitForTaskToken")) {
                problems.report(f.pointer("Resource"), SCHEMA_VALIDATION_FAILED,
                        "Express state machine does not support '.waitForTaskToken' service integration ");
            } else if (resource.endsWith(".sync") || resource.contains(".sync:")) {
                problems.report(f.pointer("Resource"), SCHEMA_VALIDATION_FAILED,
                        "Express state machine does not support '.sync' service integration");
            } else if (resource.contains(":activity:")) {
                problems.report(f.pointer("Resource"), SCHEMA_VALIDATION_FAILED,
                        "Express state machine does not support Activity ARN");
            }
        }
    }

    /**
     * A positive number of seconds written as {@code field} (literal, or JSONata), or {@code pathField} (JSONPath).
     */
    private ValueSource seconds(StateHeader h, Fields f, String field, String pathField, long min) {
        boolean both = f.has(field) && f.has(pathField);
        if (both) {
            f.report(pathField, "The fields '" + field + "' and '" + pathField + "' are mutually exclusive");
            return null;
        }
        if (f.has(pathField)) {
            JsonPath path = referencePath(f, pathField);
            return path == null ? null : new ValueSource.Computed(path, pathField);
        }
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (h.queryLanguage() == QueryLanguage.JSONATA && JsonataCompiler.isExpression(node)) {
            ValueExpr e = JsonataCompiler.compileExpression(node.asText(), field, f.pointer(field), problems);
            return e == null ? null : new ValueSource.Computed(e, field);
        }
        Long value = f.optionalInteger(field, min, MAX_SECONDS);
        return value == null ? null : new ValueSource.Literal(node);
    }

    private List<Retrier> retry(StateHeader h, Fields f) {
        JsonNode node = f.get("Retry");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            f.report("Retry", "The value of 'Retry' must be an array but was " + Fields.typeOf(node));
            return List.of();
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = Problems.child(f.pointer("Retry"), i);
            if (!r.isObject()) {
                problems.report(at, SCHEMA_VALIDATION_FAILED, "A retrier must be an object but was " + Fields.typeOf(r));
                continue;
            }
            Fields rf = new Fields(r, at, problems);
            rf.rejectUnknown(List.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"));
            List<String> errors = errorEquals(rf, at, i == node.size() - 1);
            Long interval = rf.optionalInteger("IntervalSeconds", 1, MAX_SECONDS);
            Long attempts = rf.optionalInteger("MaxAttempts", 0, MAX_SECONDS);
            Double backoff = rf.optionalNumber("BackoffRate", 1.0, Double.MAX_VALUE);
            Long maxDelay = rf.optionalInteger("MaxDelaySeconds", 1, 31_622_400L);
            String jitter = rf.optionalString("JitterStrategy");
            Retrier.Jitter j = Retrier.Jitter.NONE;
            if (jitter != null) {
                if (jitter.equals("FULL")) {
                    j = Retrier.Jitter.FULL;
                } else if (!jitter.equals("NONE")) {
                    rf.report("JitterStrategy", "The value of 'JitterStrategy' must be one of [FULL, NONE] but was "
                            + jitter);
                }
            }
            out.add(new Retrier(errors, interval == null ? 1 : interval,
                    attempts == null ? 3 : (int) Math.min(attempts, Integer.MAX_VALUE),
                    backoff == null ? 2.0 : backoff, maxDelay, j, rf.optionalString("Comment")));
        }
        return List.copyOf(out);
    }

    private List<Catcher> catchers(StateHeader h, Fields f) {
        JsonNode node = f.get("Catch");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            f.report("Catch", "The value of 'Catch' must be an array but was " + Fields.typeOf(node));
            return List.of();
        }
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String at = Problems.child(f.pointer("Catch"), i);
            if (!c.isObject()) {
                problems.report(at, SCHEMA_VALIDATION_FAILED, "A catcher must be an object but was " + Fields.typeOf(c));
                continue;
            }
            Fields cf = new Fields(c, at, problems);
            boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
            cf.rejectUnknown(jsonata ? List.of("ErrorEquals", "Next", "Comment", "Assign", "Output")
                    : List.of("ErrorEquals", "Next", "ResultPath", "Comment", "Assign"));
            List<String> errors = errorEquals(cf, at, i == node.size() - 1);
            String next = cf.requiredString("Next");
            if (!c.has("Next")) {
                problems.report(at, SCHEMA_VALIDATION_FAILED, "These fields are required: [Next]");
            }
            ResultPath rp = jsonata ? ResultPath.REPLACE : resultPath(cf, "ResultPath");
            Template output = jsonata ? jsonataTemplate(cf, "Output") : null;
            out.add(new Catcher(errors, next, rp, output, assign(h, cf), cf.optionalString("Comment")));
        }
        return List.copyOf(out);
    }

    private List<String> errorEquals(Fields f, String pointer, boolean last) {
        JsonNode node = f.get("ErrorEquals");
        if (node == null) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED, "These fields are required: [ErrorEquals]");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            f.report("ErrorEquals", "The value of 'ErrorEquals' must be a non-empty array of strings");
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                f.report("ErrorEquals", "The value of 'ErrorEquals' must be a non-empty array of strings");
                return List.of();
            }
            errors.add(e.asText());
        }
        if (errors.contains("States.ALL") && (errors.size() > 1 || !last)) {
            f.report("ErrorEquals", "'States.ALL' must appear alone in the last retrier or catcher");
        }
        return List.copyOf(errors);
    }

    private ChoiceState choice(StateHeader h, Fields f) {
        Io io = io(h, f, false, false);
        JsonNode choices = f.get("Choices");
        List<ChoiceState.Rule> rules = new ArrayList<>();
        if (choices == null) {
            problems.report(h.pointer(), SCHEMA_VALIDATION_FAILED, "These fields are required: [Choices]");
        } else if (!choices.isArray() || choices.isEmpty()) {
            f.report("Choices", "The value of 'Choices' must be a non-empty array");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                String at = Problems.child(f.pointer("Choices"), i);
                if (!rule.isObject()) {
                    problems.report(at, SCHEMA_VALIDATION_FAILED,
                            "A choice rule must be an object but was " + Fields.typeOf(rule));
                    continue;
                }
                Fields rf = new Fields(rule, at, problems);
                Condition condition = ChoiceCompiler.compile(rule, at, h.queryLanguage(), true, problems);
                String next = rf.requiredString("Next");
                if (!rule.has("Next")) {
                    problems.report(at, SCHEMA_VALIDATION_FAILED, "These fields are required: [Next]");
                }
                Template output = h.queryLanguage() == QueryLanguage.JSONATA ? jsonataTemplate(rf, "Output") : null;
                rules.add(new ChoiceState.Rule(condition, next, assign(h, rf), output, rf.optionalString("Comment")));
            }
        }
        return new ChoiceState(h, io, List.copyOf(rules), f.optionalString("Default"));
    }

    private WaitState waitState(StateHeader h, Fields f) {
        Io io = io(h, f, false, false);
        List<String> present = new ArrayList<>();
        for (String k : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            if (f.has(k)) {
                present.add(k);
            }
        }
        ValueSource seconds = null;
        ValueSource timestamp = null;
        if (present.size() != 1) {
            problems.report(h.pointer(), SCHEMA_VALIDATION_FAILED, present.isEmpty()
                    ? "A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'"
                    : "The fields " + present + " are mutually exclusive");
        } else if (present.contains("Seconds") || present.contains("SecondsPath")) {
            seconds = seconds(h, f, "Seconds", "SecondsPath", 0);
        } else {
            timestamp = timestamp(h, f);
        }
        return new WaitState(h, io, transition(f), seconds, timestamp);
    }

    private ValueSource timestamp(StateHeader h, Fields f) {
        if (f.has("TimestampPath")) {
            JsonPath path = referencePath(f, "TimestampPath");
            return path == null ? null : new ValueSource.Computed(path, "TimestampPath");
        }
        JsonNode node = f.get("Timestamp");
        if (h.queryLanguage() == QueryLanguage.JSONATA && JsonataCompiler.isExpression(node)) {
            ValueExpr e = JsonataCompiler.compileExpression(node.asText(), "Timestamp", f.pointer("Timestamp"),
                    problems);
            return e == null ? null : new ValueSource.Computed(e, "Timestamp");
        }
        if (!node.isTextual() || !isRfc3339(node.asText())) {
            f.report("Timestamp", "String does not match RFC3339 timestamp");
            return null;
        }
        return new ValueSource.Literal(node);
    }

    /** RFC 3339 date-time with a zone designator, as AWS requires for Wait timestamps. */
    static boolean isRfc3339(String text) {
        if (text.length() < 20 || text.charAt(10) != 'T') {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private FailState fail(StateHeader h, Fields f) {
        return new FailState(h, Io.NONE, failField(h, f, "Error", "ErrorPath"), failField(h, f, "Cause", "CausePath"));
    }

    private ValueSource failField(StateHeader h, Fields f, String field, String pathField) {
        if (f.has(field) && f.has(pathField)) {
            f.report(pathField, "The fields '" + field + "' and '" + pathField + "' are mutually exclusive");
            return null;
        }
        if (f.has(pathField)) {
            JsonNode node = f.get(pathField);
            if (!node.isTextual()) {
                f.report(pathField, "The value of '" + pathField + "' must be a STRING but was " + Fields.typeOf(node));
                return null;
            }
            ValueExpr e = PathTemplate.compileValue(node.asText(), pathField, f.pointer(pathField), true, problems);
            return e == null ? null : new ValueSource.Computed(e, pathField);
        }
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (h.queryLanguage() == QueryLanguage.JSONATA && JsonataCompiler.isExpression(node)) {
            ValueExpr e = JsonataCompiler.compileExpression(node.asText(), field, f.pointer(field), problems);
            return e == null ? null : new ValueSource.Computed(e, field);
        }
        if (!node.isTextual()) {
            f.report(field, "The value of '" + field + "' must be a STRING but was " + Fields.typeOf(node));
            return null;
        }
        return new ValueSource.Literal(node);
    }

    private ParallelState parallel(StateHeader h, Fields f) {
        Io io = io(h, f, true, true);
        JsonNode branches = f.get("Branches");
        List<StateGraph> graphs = new ArrayList<>();
        if (branches == null) {
            problems.report(h.pointer(), SCHEMA_VALIDATION_FAILED, "These fields are required: [Branches]");
        } else if (!branches.isArray() || branches.isEmpty()) {
            f.report("Branches", "The value of 'Branches' must be a non-empty array");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                String at = Problems.child(f.pointer("Branches"), i);
                JsonNode b = branches.get(i);
                if (!b.isObject()) {
                    problems.report(at, SCHEMA_VALIDATION_FAILED, "A branch must be an object");
                    continue;
                }
                graphs.add(subGraph(b, at));
            }
        }
        return new ParallelState(h, io, transition(f), List.copyOf(graphs), retry(h, f), catchers(h, f));
    }

    private StateGraph subGraph(JsonNode node, String pointer) {
        Fields gf = new Fields(node, pointer, problems);
        List<String> missing = new ArrayList<>();
        if (!node.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!node.has("States")) {
            missing.add("States");
        }
        if (!missing.isEmpty()) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED, "These fields are required: " + missing);
        }
        gf.rejectUnknown(List.of("StartAt", "States", "Comment", "ProcessorConfig"));
        return parser.graph(node, pointer, machineLanguage, depth + 1);
    }

    private MapState map(StateHeader h, Fields f) {
        boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
        Io io = io(h, f, false, true);
        // Items
        ValueSource items;
        if (jsonata) {
            JsonNode node = f.get("Items");
            if (node == null) {
                items = null;
            } else if (JsonataCompiler.isExpression(node)) {
                ValueExpr e = JsonataCompiler.compileExpression(node.asText(), "Items", f.pointer("Items"), problems);
                items = e == null ? null : new ValueSource.Computed(e, "Items");
            } else if (node.isArray()) {
                Template t = JsonataCompiler.compileTemplate(node, "Items", f.pointer("Items"), problems);
                items = t == null ? null : new ValueSource.Computed(new TemplateExpr(t, node.toString()), "Items");
            } else {
                f.report("Items", "The value of 'Items' must be an array or a JSONata expression");
                items = null;
            }
        } else {
            JsonPath p = path(f, "ItemsPath");
            items = p == null ? null : new ValueSource.Computed(p, "ItemsPath");
        }
        // ItemSelector, or the legacy Parameters
        Template selector = null;
        if (f.has("ItemSelector") && f.has("Parameters")) {
            f.report("Parameters", "The fields 'ItemSelector' and 'Parameters' are mutually exclusive");
        } else if (f.has("ItemSelector")) {
            selector = jsonata ? jsonataTemplate(f, "ItemSelector") : pathTemplate(f, "ItemSelector");
        } else if (f.has("Parameters")) {
            selector = pathTemplate(f, "Parameters");
        }
        // ItemProcessor, or the legacy Iterator
        StateGraph processor = null;
        MapState.Mode mode = MapState.Mode.INLINE;
        String executionType = null;
        String field = f.has("ItemProcessor") ? "ItemProcessor" : f.has("Iterator") ? "Iterator" : null;
        if (f.has("ItemProcessor") && f.has("Iterator")) {
            f.report("Iterator", "The fields 'ItemProcessor' and 'Iterator' are mutually exclusive");
        } else if (field == null) {
            problems.report(h.pointer(), SCHEMA_VALIDATION_FAILED, "These fields are required: [ItemProcessor]");
        } else {
            JsonNode node = f.get(field);
            if (!node.isObject()) {
                f.report(field, "The value of '" + field + "' must be an object");
            } else {
                processor = subGraph(node, f.pointer(field));
                JsonNode config = node.get("ProcessorConfig");
                if (config != null) {
                    Fields cf = new Fields(config, Problems.child(f.pointer(field), "ProcessorConfig"), problems);
                    cf.rejectUnknown(List.of("Mode", "ExecutionType"));
                    String m = cf.optionalString("Mode");
                    if ("DISTRIBUTED".equals(m)) {
                        mode = MapState.Mode.DISTRIBUTED;
                    } else if (m != null && !m.equals("INLINE")) {
                        cf.report("Mode", "The value of 'Mode' must be one of [INLINE, DISTRIBUTED] but was " + m);
                    }
                    executionType = cf.optionalString("ExecutionType");
                    if (executionType != null && !executionType.equals("STANDARD")
                            && !executionType.equals("EXPRESS")) {
                        cf.report("ExecutionType",
                                "The value of 'ExecutionType' must be one of [STANDARD, EXPRESS] but was "
                                        + executionType);
                    }
                }
            }
        }
        ValueSource maxConcurrency = number(h, f, "MaxConcurrency", "MaxConcurrencyPath", 0, Integer.MAX_VALUE);
        ValueSource toleratedCount =
                number(h, f, "ToleratedFailureCount", "ToleratedFailureCountPath", 0, Integer.MAX_VALUE);
        ValueSource toleratedPercentage =
                number(h, f, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", 0, 100);
        return new MapState(h, io, transition(f), items, selector, processor, mode, executionType, maxConcurrency,
                toleratedCount, toleratedPercentage, f.get("ItemReader"), f.get("ItemBatcher"),
                f.get("ResultWriter"), f.optionalString("Label"), retry(h, f), catchers(h, f));
    }

    /** A number written as {@code field} (literal, or JSONata) or {@code pathField} (JSONPath). */
    private ValueSource number(StateHeader h, Fields f, String field, String pathField, double min, double max) {
        if (f.has(field) && f.has(pathField)) {
            f.report(pathField, "The fields '" + field + "' and '" + pathField + "' are mutually exclusive");
            return null;
        }
        if (f.has(pathField)) {
            JsonPath path = referencePath(f, pathField);
            return path == null ? null : new ValueSource.Computed(path, pathField);
        }
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (h.queryLanguage() == QueryLanguage.JSONATA && JsonataCompiler.isExpression(node)) {
            ValueExpr e = JsonataCompiler.compileExpression(node.asText(), field, f.pointer(field), problems);
            return e == null ? null : new ValueSource.Computed(e, field);
        }
        Double value = f.optionalNumber(field, min, max);
        return value == null ? null : new ValueSource.Literal(node);
    }
}
