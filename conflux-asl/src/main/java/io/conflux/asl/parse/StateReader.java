package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.choice.ChoiceCompiler;
import io.conflux.asl.choice.Condition;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.Template;
import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.Io;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateHeader;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.ValueSource;
import io.conflux.asl.model.WaitState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one state: what every state has (Type, Comment, QueryLanguage, which fields it may have), then the
 * fields of its type. Task and Map fields have their own readers; the graphs of Parallel and Map go back to the
 * {@link GraphReader}.
 */
final class StateReader {
    static final List<String> TYPES = List.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");
    private static final List<String> WAIT_FIELDS = List.of("SecondsPath", "Seconds", "TimestampPath", "Timestamp");

    /** The fields each type of state may have, in either query language. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", fields("Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Assign",
                    "Output"),
            "Task", fields("Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                    "HeartbeatSecondsPath", "Credentials", "Arguments", "Output", "Assign"),
            "Choice", fields("Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
            "Wait", fields("Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath",
                    "OutputPath", "Assign", "Output"),
            "Succeed", fields("InputPath", "OutputPath", "Output"),
            "Fail", fields("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", fields("Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Retry", "Catch", "Arguments", "Output", "Assign"),
            "Map", fields("Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector",
                    "Parameters", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultPath", "ResultSelector",
                    "Retry", "Catch", "Output", "Assign"));

    private static Set<String> fields(String... own) {
        Set<String> all = new HashSet<>(List.of("Type", "Comment", "QueryLanguage"));
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }

    private final ReadContext ctx;
    private final GraphReader graphs;
    private final int depth;
    private final Problems problems;
    private final DataFlowReader dataFlow;
    private final ValueSources values;
    private final ErrorHandlingReader errors;
    private final TaskReader tasks;
    private final MapReader maps;
    private final Lint lint;

    StateReader(ReadContext ctx, GraphReader graphs, int depth) {
        this.ctx = ctx;
        this.graphs = graphs;
        this.depth = depth;
        this.problems = ctx.sink();
        this.dataFlow = new DataFlowReader(problems);
        this.values = new ValueSources(problems);
        this.errors = new ErrorHandlingReader(problems);
        this.tasks = new TaskReader(ctx, dataFlow, values, errors);
        this.maps = new MapReader(ctx, graphs, dataFlow, values, errors);
        this.lint = new Lint(ctx.sink());
    }

    /** The compiled state, or null when it is not even an object with a known Type (reported). */
    State read(String name, JsonNode node, String pointer) {
        if (!node.isObject()) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED, Fields.expectedType("OBJECT"));
            return null;
        }
        Fields f = new Fields(node, pointer, problems);
        if (!f.required("Type")) {
            return null;
        }
        String type = f.string("Type");
        if (type == null) {
            return null;
        }
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            f.report("Type", "The field 'Type' should have one of these values: " + TYPES);
            return null;
        }
        QueryLanguage language = LanguageRules.resolve(node, ctx.machineLanguage());
        // A JSONata machine cannot be taken back to JSONPath state by state. AWS then says nothing of the fields
        // the state's own language would refuse.
        boolean downgraded = ctx.machineLanguage() == QueryLanguage.JSONATA && LanguageRules.declaresJsonPath(node);
        if (downgraded) {
            f.reportHere("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
        }
        f.allowOnly(allowed);
        if (!downgraded) {
            LanguageRules.rejectOtherLanguage(f, language, allowed);
        }
        LanguageRules.checkValue(f);
        StateHeader h = new StateHeader(name, f.string("Comment"), language, pointer);
        State state = switch (type) {
            case "Pass" -> pass(h, f, allowed);
            case "Task" -> tasks.read(h, f, allowed);
            case "Choice" -> choice(h, f, allowed);
            case "Wait" -> waitState(h, f, allowed);
            case "Succeed" -> new SucceedState(h, dataFlow.read(h, f, allowed, null));
            case "Fail" -> new FailState(h, Io.NONE, values.string(h, f, "Error", "ErrorPath"),
                    values.string(h, f, "Cause", "CausePath"));
            case "Parallel" -> parallel(h, f, allowed);
            case "Map" -> maps.read(h, f, allowed, depth);
            default -> throw new IllegalStateException("A type in FIELDS without a reader: " + type);
        };
        lint.state(h, f, type);
        return state;
    }

    private PassState pass(StateHeader h, Fields f, Set<String> allowed) {
        boolean jsonPath = h.queryLanguage() == QueryLanguage.JSONPATH;
        Io io = dataFlow.read(h, f, allowed, jsonPath ? "Parameters" : null);
        return new PassState(h, io, Transitions.read(f), jsonPath ? f.get("Result") : null);
    }

    private ChoiceState choice(StateHeader h, Fields f, Set<String> allowed) {
        Io io = dataFlow.read(h, f, allowed, null);
        List<ChoiceState.Rule> rules = new ArrayList<>();
        f.required("Choices");
        JsonNode choices = f.nonEmptyArray("Choices");
        for (int i = 0; choices != null && i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String at = Problems.child(f.pointer("Choices"), i);
            if (!rule.isObject()) {
                problems.report(at, SCHEMA_VALIDATION_FAILED, Fields.expectedType("OBJECT"));
                continue;
            }
            Fields rf = new Fields(rule, at, problems);
            rf.required("Next");
            Condition condition = condition(rule, at, h.queryLanguage());
            String next = rf.string("Next");
            Template assign = dataFlow.assign(h, rf);
            Template output = h.queryLanguage() == QueryLanguage.JSONATA ? dataFlow.jsonata(rf, "Output") : null;
            rules.add(new ChoiceState.Rule(condition, next, assign, output, rf.string("Comment")));
        }
        return new ChoiceState(h, io, List.copyOf(rules), f.string("Default"));
    }

    /**
     * The rule's condition, from the Choice compiler. While that compiler is a stub it throws; its message is then
     * reported like any other problem, so a definition with Choice states is refused rather than half-compiled.
     */
    private Condition condition(JsonNode rule, String pointer, QueryLanguage language) {
        try {
            return ChoiceCompiler.compile(rule, pointer, language, true, problems);
        } catch (UnsupportedOperationException e) {
            problems.report(pointer, SCHEMA_VALIDATION_FAILED, String.valueOf(e.getMessage()));
            return null;
        }
    }

    private WaitState waitState(StateHeader h, Fields f, Set<String> allowed) {
        Io io = dataFlow.read(h, f, allowed, null);
        List<String> present = new ArrayList<>();
        for (String k : WAIT_FIELDS) {
            boolean foreign = h.queryLanguage() == QueryLanguage.JSONATA && LanguageRules.JSONPATH_ONLY.contains(k);
            if (f.has(k) && !foreign) {
                present.add(k);
            }
        }
        ValueSource seconds = null;
        ValueSource timestamp = null;
        if (present.size() > 1) {
            f.reportHere(Fields.oneOfAtMost(WAIT_FIELDS));
        } else if (present.isEmpty()) {
            f.reportHere(Fields.exactlyOneOf(WAIT_FIELDS));
        } else if (present.get(0).startsWith("Seconds")) {
            seconds = values.seconds(h, f);
        } else {
            timestamp = values.timestamp(h, f);
        }
        return new WaitState(h, io, Transitions.read(f), seconds, timestamp);
    }

    private ParallelState parallel(StateHeader h, Fields f, Set<String> allowed) {
        boolean jsonPath = h.queryLanguage() == QueryLanguage.JSONPATH;
        Io io = dataFlow.read(h, f, allowed, jsonPath ? "Parameters" : "Arguments");
        f.required("Branches");
        JsonNode branches = f.nonEmptyArray("Branches");
        List<StateGraph> graphList = new ArrayList<>();
        for (int i = 0; branches != null && i < branches.size(); i++) {
            String at = Problems.child(f.pointer("Branches"), i);
            JsonNode b = branches.get(i);
            if (!b.isObject()) {
                problems.report(at, SCHEMA_VALIDATION_FAILED, Fields.expectedType("OBJECT"));
                continue;
            }
            StateGraph graph = graphs.branch(new Fields(b, at, problems), depth + 1);
            if (graph != null) {
                graphList.add(graph);
            }
        }
        return new ParallelState(h, io, Transitions.read(f), List.copyOf(graphList), errors.retry(f),
                errors.catchers(h, f));
    }
}
