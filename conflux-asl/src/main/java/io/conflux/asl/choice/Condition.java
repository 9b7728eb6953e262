package io.conflux.asl.choice;

import io.conflux.asl.expr.Scope;

/** A compiled Choice rule condition: a comparison, And/Or/Not, or a JSONata {@code Condition}. */
public interface Condition {

    /**
     * Tests the condition.
     *
     * @throws io.conflux.asl.expr.StatesException when evaluation fails as AWS defines it
     */
    boolean test(Scope scope);
}
