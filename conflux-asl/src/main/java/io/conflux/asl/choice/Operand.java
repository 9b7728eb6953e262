package io.conflux.asl.choice;

import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Scope;

/** The right-hand side of a comparison: a literal read at load time, or a path ({@code …Path} operators). */
sealed interface Operand<T> {

    /** A literal operand, already converted to the operator's type. */
    record Literal<T>(T value) implements Operand<T> {}

    /** An operand read from the input, the context object or a variable when the rule is tested. */
    record FromPath<T>(JsonPath path) implements Operand<T> {}

    /**
     * The operand's value as {@code type}, or null when a path operand selects a value of another type.
     *
     * @throws io.conflux.asl.expr.StatesException when a path operand selects nothing
     */
    default T resolve(Scope scope, ValueType<T> type) {
        return switch (this) {
            case Literal<T> literal -> literal.value();
            case FromPath<T> fromPath -> type.read(Lookup.require(fromPath.path(), scope));
        };
    }
}
