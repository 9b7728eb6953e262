package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the Choice rules of JSONPath states: a boolean expression ({@code And}, {@code Or}, {@code Not}) or a data
 * test ({@code Variable} and exactly one comparison operator). Reports every problem, not just the first; a rule with
 * any problem (its own or a nested rule's) reads as null.
 */
final class JsonPathRules {
    private static final List<String> COMBINATORS = List.of("And", "Or", "Not");

    private final RuleProblems problems;

    JsonPathRules(RuleProblems problems) {
        this.problems = problems;
    }

    Rule read(JsonNode rule, String pointer, boolean topLevel) {
        List<String> kinds = new ArrayList<>(); // And, Or, Not, Variable: a rule has exactly one
        List<String> operators = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> entry : rule.properties()) {
            String field = entry.getKey();
            if (COMBINATORS.contains(field) || field.equals("Variable")) {
                kinds.add(field);
            } else if (Operator.named(field) != null) {
                operators.add(field);
            } else if (field.equals("Comment") || topLevel && (field.equals("Next") || field.equals("Assign"))) {
                // Comment, Next and Assign are read by the parser.
            } else if (field.equals("Condition") || topLevel && field.equals("Output")) {
                problems.otherLanguage(pointer, field, QueryLanguage.JSONPATH);
                ok = false;
            } else {
                // Next, Assign and Output nested in And/Or/Not land here, as AWS words them.
                problems.unsupported(pointer, field);
                ok = false;
            }
        }
        if (kinds.size() > 1) {
            problems.schema(pointer, "There should only be one of the following fields: " + kinds);
            return null;
        }
        if (kinds.isEmpty()) {
            problems.schema(pointer, operators.isEmpty()
                    ? "A choice rule must have one of the fields [And, Or, Not, Variable]"
                    : "These fields are required: [Variable]");
            return null;
        }
        String kind = kinds.get(0);
        if (!kind.equals("Variable")) {
            for (String operator : operators) {
                problems.unsupported(pointer, operator); // comparison operators go with Variable only
            }
            Rule combined = combination(kind, rule.get(kind), pointer);
            return ok && operators.isEmpty() ? combined : null;
        }
        JsonPath variable = path("Variable", rule.get("Variable"), Problems.child(pointer, "Variable"));
        if (operators.size() != 1) {
            problems.schema(pointer, operators.isEmpty()
                    ? "A choice rule with 'Variable' must have a comparison operator, such as StringEquals or IsPresent"
                    : "There should only be one of the following fields: " + operators);
            return null;
        }
        String operator = operators.get(0);
        Rule test = dataTest(variable, operator, rule.get(operator), Problems.child(pointer, operator));
        return ok ? test : null;
    }

    private Rule combination(String kind, JsonNode value, String pointer) {
        String at = Problems.child(pointer, kind);
        if (kind.equals("Not")) {
            if (!value.isObject()) {
                problems.schema(at, "A choice rule must be an object but was " + RuleProblems.typeOf(value));
                return null;
            }
            Rule inner = read(value, at, false);
            return inner == null ? null : new Rule.Not(inner);
        }
        if (!value.isArray() || value.isEmpty()) {
            problems.schema(at, "The value of '" + kind + "' must be a non-empty array");
            return null;
        }
        List<Rule> rules = new ArrayList<>(value.size());
        boolean ok = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementAt = Problems.child(at, i);
            if (!element.isObject()) {
                problems.schema(elementAt, "A choice rule must be an object but was " + RuleProblems.typeOf(element));
                ok = false;
                continue;
            }
            Rule rule = read(element, elementAt, false);
            if (rule == null) {
                ok = false;
            } else {
                rules.add(rule);
            }
        }
        if (!ok) {
            return null;
        }
        return kind.equals("And") ? new Rule.And(rules) : new Rule.Or(rules);
    }

    /** The rule for {@code operator}; its operand is validated even when the variable is not (null). */
    private Rule dataTest(JsonPath variable, String operator, JsonNode value, String at) {
        return switch (Operator.named(operator)) {
            case Operator.Compare c -> comparison(variable, operator, c.type(), c.relation(), c.fromPath(), value, at);
            case Operator.Match m -> {
                Wildcard pattern = null;
                if (!value.isTextual()) {
                    problems.wrongType(at, operator, "STRING", value);
                } else {
                    try {
                        pattern = Wildcard.compile(value.textValue());
                    } catch (Wildcard.InvalidPatternException e) {
                        problems.schema(at, e.getMessage());
                    }
                }
                yield variable == null || pattern == null ? null : new Rule.Matches(variable, pattern);
            }
            case Operator.Present p -> {
                Boolean expected = flag(operator, value, at);
                yield variable == null || expected == null ? null : new Rule.Presence(variable, expected);
            }
            case Operator.Is is -> {
                Boolean expected = flag(operator, value, at);
                yield variable == null || expected == null ? null : new Rule.TypeTest(variable, is.kind(), expected);
            }
        };
    }

    private <T> Rule comparison(JsonPath variable, String operator, ValueType<T> type, Relation relation,
            boolean fromPath, JsonNode value, String at) {
        Operand<T> operand = null;
        if (fromPath) {
            JsonPath path = path(operator, value, at);
            operand = path == null ? null : new Operand.FromPath<>(path);
        } else {
            T literal = type.read(value);
            if (literal != null) {
                operand = new Operand.Literal<>(literal);
            } else if (type == ValueType.TIMESTAMP && value.isTextual()) {
                problems.schema(at, "String does not match RFC3339 timestamp"); // as AWS words Wait's Timestamp
            } else {
                problems.wrongType(at, operator, type.jsonType(), value);
            }
        }
        return variable == null || operand == null ? null : new Rule.Comparison<>(variable, type, relation, operand);
    }

    private Boolean flag(String operator, JsonNode value, String at) {
        if (!value.isBoolean()) {
            problems.wrongType(at, operator, "BOOLEAN", value);
            return null;
        }
        return value.booleanValue();
    }

    /** Variable and the {@code …Path} operands: reference paths into the input, the context object or a variable. */
    private JsonPath path(String field, JsonNode value, String at) {
        if (!value.isTextual()) {
            problems.wrongType(at, field, "STRING", value);
            return null;
        }
        JsonPath path;
        try {
            path = JsonPath.compile(value.textValue(), true);
        } catch (InvalidExpressionException e) {
            problems.schema(at, "The value for the field '" + field + "' must be a valid JSONPath");
            return null;
        }
        if (!path.isDefinite()) {
            // AWS: "The values of Variable and Path fields in a comparison must be valid Reference Paths."
            problems.schema(at, "The value for the field '" + field + "' must be a valid ReferencePath");
            return null;
        }
        return path;
    }
}
