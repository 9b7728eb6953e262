package io.conflux.asl.choice;

/** How two values of one type must compare for a comparison operator to hold. */
enum Relation {
    EQUALS("Equals"),
    LESS_THAN("LessThan"),
    GREATER_THAN("GreaterThan"),
    LESS_THAN_EQUALS("LessThanEquals"),
    GREATER_THAN_EQUALS("GreaterThanEquals");

    private final String suffix;

    Relation(String suffix) {
        this.suffix = suffix;
    }

    /** The part of an operator name after its type, e.g. {@code LessThanEquals}. */
    String suffix() {
        return suffix;
    }

    /** Whether the relation holds for a {@link Comparable}-style comparison result. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUALS -> comparison == 0;
            case LESS_THAN -> comparison < 0;
            case GREATER_THAN -> comparison > 0;
            case LESS_THAN_EQUALS -> comparison <= 0;
            case GREATER_THAN_EQUALS -> comparison >= 0;
        };
    }
}
