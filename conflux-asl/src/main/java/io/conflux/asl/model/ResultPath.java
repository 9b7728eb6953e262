package io.conflux.asl.model;

import io.conflux.asl.expr.ReferencePath;

/**
 * Where a state's result goes in its input: replace the input ({@code "$"} or absent), discard the result and keep
 * the input ({@code null}), or place the result at a reference path.
 */
public sealed interface ResultPath {

    record Replace() implements ResultPath {}

    record Discard() implements ResultPath {}

    record At(ReferencePath path) implements ResultPath {}

    ResultPath REPLACE = new Replace();
    ResultPath DISCARD = new Discard();
}
