package io.conflux.asl;

import io.conflux.asl.model.StateMachine;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of reading a definition: the compiled machine when there are no errors, and every diagnostic found.
 *
 * @param machine the compiled machine, or null when {@link #diagnostics} holds an error
 */
public record ParseResult(StateMachine machine, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean isValid() {
        return machine != null;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * AWS's InvalidDefinition message: {@code Invalid State Machine Definition: 'CODE: message at /pointer, …'}.
     */
    public String invalidDefinitionMessage() {
        return "Invalid State Machine Definition: '"
                + errors().stream().map(Diagnostic::awsText).collect(Collectors.joining(", ")) + "'";
    }
}
