package io.conflux.asl.parse;

import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;

/**
 * Reads a definition into the compiled model, reporting every problem at once, as AWS's
 * ValidateStateMachineDefinition does. It only coordinates: {@link SourceReader} turns the text into a tree,
 * {@link MachineReader} compiles it (through {@link GraphReader} and {@link StateReader}, which check each field as
 * AWS's schema does), and {@link GraphChecks} then checks the transitions of every graph. The diagnostics come out
 * in that order: syntax, then schema in document order, then the graphs, outermost first.
 */
public final class DefinitionParser {
    private final Asl.Options options;

    public DefinitionParser(Asl.Options options) {
        this.options = options;
    }

    public ParseResult parse(String text) {
        DiagnosticSink sink = new DiagnosticSink();
        SourceReader.Source source = new SourceReader(options.format(), sink).read(text);
        if (source == null) {
            return new ParseResult(null, sink.diagnostics());
        }
        sink.root(source.root());
        MachineReader.Read read = new MachineReader(sink, options).read(source);
        new GraphChecks(sink).check(read.graphs());
        return new ParseResult(sink.errorCount() == 0 ? read.machine() : null, sink.diagnostics());
    }
}
