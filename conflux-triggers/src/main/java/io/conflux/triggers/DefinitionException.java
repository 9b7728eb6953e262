package io.conflux.triggers;

import java.util.List;

/** A schedule or trigger definition that cannot be used, with every problem found, each naming its field. */
final class DefinitionException extends RuntimeException {
    private final List<String> problems;

    DefinitionException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
