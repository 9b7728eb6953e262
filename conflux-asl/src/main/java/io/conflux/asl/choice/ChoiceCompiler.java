package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Problems;

/** Compiles Choice rules (the part of a rule that decides; Next, Assign and Output are read by the parser). */
public final class ChoiceCompiler {
    private ChoiceCompiler() {}

    /**
     * Compiles the condition of {@code rule}, reporting every problem found in it with the pointer of the field.
     *
     * @param topLevel whether the rule is an element of Choices (it then has Next, and may have Assign/Output)
     * @return the condition, or null after reporting problems
     */
    public static Condition compile(JsonNode rule, String pointer, QueryLanguage language, boolean topLevel,
            Problems problems) {
        RuleProblems counted = new RuleProblems(problems);
        if (!rule.isObject()) {
            counted.schema(pointer, "A choice rule must be an object but was " + RuleProblems.typeOf(rule));
            return null;
        }
        Rule compiled = switch (language) {
            case JSONPATH -> new JsonPathRules(counted).read(rule, pointer, topLevel);
            case JSONATA -> new JsonataRules(counted).read(rule, pointer, topLevel);
        };
        return counted.count() == 0 ? compiled : null;
    }
}
