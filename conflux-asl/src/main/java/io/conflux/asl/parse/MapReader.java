package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.DUPLICATE_LABEL_NAME;
import static io.conflux.asl.DiagnosticCodes.INVALID_LABEL_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Template;
import io.conflux.asl.expr.ValueExpr;
import io.conflux.asl.jsonata.JsonataCompiler;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateHeader;
import io.conflux.asl.model.ValueSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields only a Map has: where the items come from, how each is shaped and processed, and failure limits. */
final class MapReader {
    private static final List<String> MODES = List.of("INLINE", "DISTRIBUTED");
    private static final List<String> EXECUTION_TYPES = List.of("STANDARD", "EXPRESS");
    private static final int MAX_LABEL_LENGTH = 40;

    private final ReadContext ctx;
    private final GraphReader graphs;
    private final ValueSources values;
    private final DataFlowReader dataFlow;
    /** Labels of Distributed Maps across the machine, with the pointer of their first use: they must be unique. */
    private final Map<String, String> labels;

    private final ErrorHandlingReader errors;

    MapReader(ReadContext ctx, GraphReader graphs, DataFlowReader dataFlow, ValueSources values,
            ErrorHandlingReader errors) {
        this.ctx = ctx;
        this.graphs = graphs;
        this.values = values;
        this.dataFlow = dataFlow;
        this.errors = errors;
        this.labels = graphs.labels();
    }

    MapState read(StateHeader h, Fields f, Set<String> allowed, int depth) {
        boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
        ValueSource items = jsonata ? items(f) : itemsPath(f);
        Template selector = selector(h, f);
        Processor processor = processor(f, depth);
        ValueSource maxConcurrency = values.integer(h, f, "MaxConcurrency", "MaxConcurrencyPath", 0, null);
        ValueSource toleratedCount =
                values.integer(h, f, "ToleratedFailureCount", "ToleratedFailureCountPath", 0, null);
        ValueSource toleratedPercentage =
                values.number(h, f, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", 0, 100);
        JsonNode reader = f.object("ItemReader");
        JsonNode batcher = f.object("ItemBatcher");
        JsonNode writer = f.object("ResultWriter");
        String label = label(f);
        return new MapState(h, dataFlow.read(h, f, allowed, null), Transitions.read(f), items, selector,
                processor.graph(), processor.mode(), processor.executionType(), maxConcurrency, toleratedCount,
                toleratedPercentage, reader, batcher, writer, label, errors.retry(f), errors.catchers(h, f));
    }

    /** JSONata Items: an expression, or an array (a template) of values. */
    private ValueSource items(Fields f) {
        JsonNode node = f.get("Items");
        if (node == null) {
            return null;
        }
        if (JsonataCompiler.isExpression(node)) {
            ValueExpr e = JsonataCompiler.compileExpression(node.asText(), "Items", f.pointer("Items"), ctx.sink());
            return e == null ? null : new ValueSource.Computed(e, "Items");
        }
        if (!node.isArray()) {
            f.report("Items", Fields.expectedType("ARRAY"));
            return null;
        }
        Template t = JsonataCompiler.compileTemplate(node, "Items", f.pointer("Items"), ctx.sink());
        return t == null ? null : new ValueSource.Computed(new TemplateExpr(t, node.toString()), "Items");
    }

    private ValueSource itemsPath(Fields f) {
        JsonPath p = new PathFields(ctx.sink()).referencePath(f, "ItemsPath");
        return p == null ? null : new ValueSource.Computed(p, "ItemsPath");
    }

    /** ItemSelector, or the legacy Parameters of a JSONPath Map. */
    private Template selector(StateHeader h, Fields f) {
        boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
        if (!jsonata && f.exclusive("ItemSelector", "Parameters")) {
            return null;
        }
        if (jsonata) {
            return dataFlow.jsonata(f, "ItemSelector");
        }
        return dataFlow.template(f, f.has("ItemSelector") ? "ItemSelector" : "Parameters");
    }

    private record Processor(StateGraph graph, MapState.Mode mode, String executionType) {}

    /** ItemProcessor, or the legacy Iterator, with its ProcessorConfig. */
    private Processor processor(Fields f, int depth) {
        Processor none = new Processor(null, MapState.Mode.INLINE, null);
        if (f.exclusive("ItemProcessor", "Iterator")) {
            return none;
        }
        String field = f.has("ItemProcessor") ? "ItemProcessor" : f.has("Iterator") ? "Iterator" : null;
        if (field == null) {
            f.reportHere(Fields.exactlyOneOf(List.of("ItemProcessor", "Iterator")));
            return none;
        }
        JsonNode node = f.object(field);
        if (node == null) {
            return none;
        }
        Fields pf = new Fields(node, f.pointer(field), ctx.sink());
        StateGraph graph = graphs.processor(pf, depth + 1);
        JsonNode config = pf.object("ProcessorConfig");
        if (config == null) {
            return new Processor(graph, MapState.Mode.INLINE, null);
        }
        Fields cf = new Fields(config, pf.pointer("ProcessorConfig"), ctx.sink());
        cf.allowOnly(Set.of("Mode", "ExecutionType"));
        String mode = cf.oneOf("Mode", MODES);
        String executionType = cf.oneOf("ExecutionType", EXECUTION_TYPES);
        boolean distributed = "DISTRIBUTED".equals(mode);
        if (distributed) {
            cf.required("ExecutionType");
            if (ctx.options().express()) {
                cf.report("Mode", "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS'"
                        + " state machines");
            }
        } else if (cf.has("ExecutionType")) {
            cf.reportHere(Fields.notSupported("ExecutionType"));
        }
        return new Processor(graph, distributed ? MapState.Mode.DISTRIBUTED : MapState.Mode.INLINE, executionType);
    }

    /** Label: names a Distributed Map's child executions; at most 40 characters, unique in the machine. */
    private String label(Fields f) {
        String label = f.string("Label");
        if (label == null) {
            return null;
        }
        String at = f.pointer("Label");
        if (label.length() > MAX_LABEL_LENGTH) {
            ctx.sink().report(at, INVALID_LABEL_NAME,
                    "Label '" + label + "' exceeds the 40-character limit allowed by the service");
        }
        if (labels.putIfAbsent(label, at) != null) {
            ctx.sink().report(at, DUPLICATE_LABEL_NAME, "Duplicate Label name: " + label);
        }
        return label;
    }
}
