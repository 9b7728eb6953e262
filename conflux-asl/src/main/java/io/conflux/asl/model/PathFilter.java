package io.conflux.asl.model;

import io.conflux.asl.expr.JsonPath;

/** InputPath or OutputPath: keep everything ({@code "$"} or absent), nothing ({@code null}: {@code {}}), or a path. */
public sealed interface PathFilter {

    record All() implements PathFilter {}

    record Nothing() implements PathFilter {}

    record Select(JsonPath path) implements PathFilter {}

    PathFilter ALL = new All();
    PathFilter NOTHING = new Nothing();
}
