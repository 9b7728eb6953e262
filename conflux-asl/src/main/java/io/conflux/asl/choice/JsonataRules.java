package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.ValueExpr;
import io.conflux.asl.jsonata.JsonataCompiler;
import java.util.Map;

/** Reads the Choice rules of JSONata states: a {@code Condition} and nothing else that decides. */
final class JsonataRules {
    private final RuleProblems problems;

    JsonataRules(RuleProblems problems) {
        this.problems = problems;
    }

    Rule read(JsonNode rule, String pointer, boolean topLevel) {
        boolean ok = true;
        for (Map.Entry<String, JsonNode> entry : rule.properties()) {
            String field = entry.getKey();
            if (field.equals("Condition") || field.equals("Comment")
                    || topLevel && (field.equals("Next") || field.equals("Assign") || field.equals("Output"))) {
                continue;
            }
            if (field.equals("Variable") || field.equals("And") || field.equals("Or") || field.equals("Not")
                    || Operator.named(field) != null) {
                problems.otherLanguage(pointer, field, QueryLanguage.JSONATA);
            } else {
                problems.unsupported(pointer, field);
            }
            ok = false;
        }
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
            problems.schema(pointer, "These fields are required: [Condition]");
            return null;
        }
        String at = Problems.child(pointer, "Condition");
        Rule compiled = null;
        if (condition.isBoolean()) {
            compiled = new Rule.Constant(condition.booleanValue());
        } else if (JsonataCompiler.isExpression(condition)) {
            String text = condition.textValue();
            ValueExpr expression = JsonataCompiler.compileExpression(text, "Condition", at, problems);
            compiled = expression == null ? null : new Rule.Jsonata(expression, inner(text));
        } else {
            problems.schema(at, "The value of 'Condition' must be a JSONata expression ('{% … %}') or a BOOLEAN but was "
                    + RuleProblems.typeOf(condition));
        }
        return ok ? compiled : null;
    }

    /** {@code "{% $x = 1 %}"} as AWS quotes it in messages: {@code $x = 1}. */
    static String inner(String text) {
        String t = text.strip();
        return t.substring(2, t.length() - 2).strip();
    }
}
