package io.conflux.asl.model;

import io.conflux.asl.choice.Condition;
import io.conflux.asl.expr.Template;
import java.util.List;

/** Choice: the first rule whose condition holds names the next state; else Default; else States.NoChoiceMatched. */
public record ChoiceState(StateHeader header, Io io, List<Rule> choices, String defaultNext) implements State {

    /**
     * A top-level rule.
     *
     * @param assign variables to assign when the rule is taken, or null
     * @param output JSONata Output when the rule is taken, or null
     */
    public record Rule(Condition condition, String next, Template assign, Template output, String comment) {}
}
