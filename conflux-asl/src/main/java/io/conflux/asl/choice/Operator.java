package io.conflux.asl.choice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The comparison operators of JSONPath Choice rules, by the field name that writes them. */
sealed interface Operator {

    /** {@code StringEquals}, {@code NumericLessThanPath}, … */
    record Compare(ValueType<?> type, Relation relation, boolean fromPath) implements Operator {}

    /** {@code StringMatches}; it has no {@code Path} form. */
    record Match() implements Operator {}

    /** {@code IsPresent}. */
    record Present() implements Operator {}

    /** {@code IsNull}, {@code IsNumeric}, … */
    record Is(Rule.TypeTest.Kind kind) implements Operator {}

    /** Every operator, in the order the documentation lists them. */
    Map<String, Operator> BY_NAME = table();

    /** The operator written {@code field}, or null when the field is not an operator. */
    static Operator named(String field) {
        return BY_NAME.get(field);
    }

    private static Map<String, Operator> table() {
        Map<String, Operator> table = new LinkedHashMap<>();
        for (ValueType<?> type : new ValueType<?>[] {ValueType.STRING, ValueType.NUMERIC, ValueType.TIMESTAMP}) {
            for (Relation relation : Relation.values()) {
                table.put(type.name() + relation.suffix(), new Compare(type, relation, false));
                table.put(type.name() + relation.suffix() + "Path", new Compare(type, relation, true));
            }
        }
        table.put("StringMatches", new Match());
        table.put("BooleanEquals", new Compare(ValueType.BOOLEAN, Relation.EQUALS, false));
        table.put("BooleanEqualsPath", new Compare(ValueType.BOOLEAN, Relation.EQUALS, true));
        table.put("IsPresent", new Present());
        for (Rule.TypeTest.Kind kind : Rule.TypeTest.Kind.values()) {
            table.put(kind.operator(), new Is(kind));
        }
        return Collections.unmodifiableMap(table);
    }
}
