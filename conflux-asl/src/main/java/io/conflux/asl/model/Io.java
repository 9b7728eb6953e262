package io.conflux.asl.model;

import io.conflux.asl.expr.Template;

/**
 * A state's data flow. JSONPath states use inputPath, parameters (Parameters), resultSelector, resultPath and
 * outputPath; JSONata states use parameters (Arguments) and output (Output). Both may Assign. Fields a state does not
 * have are null.
 */
public record Io(
        PathFilter inputPath,
        Template parameters,
        Template resultSelector,
        ResultPath resultPath,
        PathFilter outputPath,
        Template output,
        Template assign) {

    /** No processing at all: input flows to output unchanged. */
    public static final Io NONE = new Io(PathFilter.ALL, null, null, ResultPath.REPLACE, PathFilter.ALL, null, null);
}
