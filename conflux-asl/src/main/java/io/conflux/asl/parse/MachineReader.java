package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Asl;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateMachine;
import java.util.List;
import java.util.Set;

/** The top level of a definition: its own fields, then its graph. */
final class MachineReader {
    private static final Set<String> FIELDS =
            Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    /** AWS accepts a machine TimeoutSeconds of 0, unlike a Task's. */
    private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

    private final DiagnosticSink sink;
    private final Asl.Options options;

    MachineReader(DiagnosticSink sink, Asl.Options options) {
        this.sink = sink;
        this.options = options;
    }

    /** The machine read from {@code source}, and the graphs to check once it is read. */
    record Read(StateMachine machine, List<GraphChecks.Graph> graphs) {}

    Read read(SourceReader.Source source) {
        JsonNode root = source.root();
        if (!root.isObject()) {
            sink.report("/", SCHEMA_VALIDATION_FAILED, Fields.expectedType("OBJECT"));
            return new Read(null, List.of());
        }
        Fields f = new Fields(root, "/", sink);
        f.allowOnly(FIELDS);
        f.required("States", "StartAt");
        QueryLanguage language = LanguageRules.resolve(root, QueryLanguage.JSONPATH);
        LanguageRules.checkValue(f);
        String comment = f.string("Comment");
        String version = f.oneOf("Version", List.of("1.0"));
        Long timeout = f.integer("TimeoutSeconds", 0L, MAX_TIMEOUT_SECONDS);
        GraphReader graphs = new GraphReader(new ReadContext(sink, options, language), source.repeatedKeys());
        StateGraph graph = graphs.machine(f);
        return new Read(new StateMachine(comment, graph, language, timeout, version, root), graphs.graphs());
    }
}
