package io.conflux.asl;

import io.conflux.asl.model.StateMachine;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of reading a definition: the compiled machine when there are no errors, and every diagnostic found,
 * errors and warnings: syntax first, then the schema's in document order, then the graphs' (missing targets,
 * unreachable states, a machine without an end), as AWS lists them.
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

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /**
     * AWS's InvalidDefinition message (CreateStateMachine, UpdateStateMachine): every error in its
     * {@link Diagnostic#awsText() one-line form}, joined with {@code ", "}:
     * {@code Invalid State Machine Definition: 'CODE: message at /pointer, CODE: message at /pointer'}.
     * Warnings never appear in it.
     */
    public String invalidDefinitionMessage() {
        return "Invalid State Machine Definition: '"
                + errors().stream().map(Diagnostic::awsText).collect(Collectors.joining(", ")) + "'";
    }
}
