package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.expr.ValueExpr;
import java.util.List;

/**
 * A compiled Choice rule condition. The set is closed: boolean combinations, the data tests of JSONPath rules and
 * the JSONata {@code Condition}. Everything a test needs was parsed at load time (literal timestamps, StringMatches
 * patterns, paths); testing only reads the scope.
 */
sealed interface Rule extends Condition {

    /** {@code And}: every rule holds; stops at the first that does not. */
    record And(List<Rule> rules) implements Rule {
        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean test(Scope scope) {
            for (Rule rule : rules) {
                if (!rule.test(scope)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code Or}: some rule holds; stops at the first that does. */
    record Or(List<Rule> rules) implements Rule {
        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean test(Scope scope) {
            for (Rule rule : rules) {
                if (rule.test(scope)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code Not}. An error in the inner rule is not turned into a result: it propagates. */
    record Not(Rule rule) implements Rule {
        @Override
        public boolean test(Scope scope) {
            return !rule.test(scope);
        }
    }

    /**
     * One of the String, Numeric, Boolean and Timestamp operators, or their {@code …Path} forms. False when either
     * value is not of the operator's type; an error when a path selects nothing.
     */
    record Comparison<T>(JsonPath variable, ValueType<T> type, Relation relation, Operand<T> operand)
            implements Rule {
        @Override
        public boolean test(Scope scope) {
            // Both paths are read before the types are checked: a missing operand path fails the state even when
            // the variable already has the wrong type.
            T left = type.read(Lookup.require(variable, scope));
            T right = operand.resolve(scope, type);
            return left != null && right != null && relation.holds(type.compare(left, right));
        }
    }

    /** {@code StringMatches}. */
    record Matches(JsonPath variable, Wildcard pattern) implements Rule {
        @Override
        public boolean test(Scope scope) {
            JsonNode value = Lookup.require(variable, scope);
            return value.isTextual() && pattern.matches(value.textValue());
        }
    }

    /** {@code IsPresent}: the one operator for which a path that selects nothing is an answer, not an error. */
    record Presence(JsonPath variable, boolean expected) implements Rule {
        @Override
        public boolean test(Scope scope) {
            return (Lookup.find(variable, scope) != null) == expected;
        }
    }

    /** {@code IsNull}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean} and {@code IsTimestamp}. */
    record TypeTest(JsonPath variable, Kind kind, boolean expected) implements Rule {

        enum Kind {
            NULL("IsNull"),
            NUMERIC("IsNumeric"),
            STRING("IsString"),
            BOOLEAN("IsBoolean"),
            TIMESTAMP("IsTimestamp");

            private final String operator;

            Kind(String operator) {
                this.operator = operator;
            }

            String operator() {
                return operator;
            }

            boolean matches(JsonNode value) {
                return switch (this) {
                    case NULL -> value.isNull();
                    case NUMERIC -> value.isNumber();
                    case STRING -> value.isTextual();
                    case BOOLEAN -> value.isBoolean();
                    case TIMESTAMP -> value.isTextual() && Timestamps.isTimestamp(value.textValue());
                };
            }
        }

        @Override
        public boolean test(Scope scope) {
            return kind.matches(Lookup.require(variable, scope)) == expected;
        }
    }

    /** A JSONata {@code Condition} written as a literal boolean. */
    record Constant(boolean value) implements Rule {
        @Override
        public boolean test(Scope scope) {
            return value;
        }
    }

    /**
     * A JSONata {@code Condition} expression; it must evaluate to a boolean.
     *
     * @param source the expression as AWS quotes it in errors: the text between {@code {%} and {@code %}}, trimmed
     */
    record Jsonata(ValueExpr expression, String source) implements Rule {
        @Override
        public boolean test(Scope scope) {
            JsonNode result = expression.evaluate(scope);
            if (result != null && result.isBoolean()) {
                return result.booleanValue();
            }
            String prefix = "The JSONata expression '" + source + "' specified for the field 'Condition' returned ";
            if (result == null || result.isMissingNode()) {
                throw StatesException.queryEvaluation(prefix + "nothing (undefined).", "Condition");
            }
            throw StatesException.queryEvaluation(prefix + "an unexpected result type. Expected 'boolean', but was '"
                    + Json.typeName(result) + "' for value: " + Json.write(result), "Condition");
        }
    }
}
