package io.conflux.asl;

import java.util.Objects;

/**
 * One problem found in a definition, as AWS's ValidateStateMachineDefinition reports it.
 *
 * <p>Two ways to say where: {@link #location} is AWS's own text, byte for byte ({@code /States/P/Branches[0]/States/B},
 * state names unescaped, array items as {@code [i]}; a {@code [Source: …]} location for a syntax error; null where AWS
 * gives none, as for MISSING_END_STATE). {@link #pointer} is an RFC 6901 JSON pointer to the same value, for tools:
 * {@code definition.at(pointer)} finds it, in a JSON or a YAML definition alike.
 *
 * @param severity ERROR makes the definition unusable; WARNING does not
 * @param code AWS's diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}
 * @param message the message without the location
 * @param location where AWS says the problem is, or null when it says nowhere
 * @param pointer RFC 6901 pointer into the definition ({@code ""} for the whole of it), or null when the problem is
 *     not at a value (a syntax error, a machine without an end)
 * @param stateName the innermost state the problem belongs to, or null when it belongs to the machine
 * @param detail more than AWS says, for people (e.g. why an intrinsic call does not compile), or null
 */
public record Diagnostic(
        Severity severity,
        String code,
        String message,
        String location,
        String pointer,
        String stateName,
        String detail) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * AWS's one-line form, as it appears inside an InvalidDefinition message: {@code CODE: message at location}. AWS
     * prints a missing location as {@code null}.
     */
    public String awsText() {
        return code + ": " + message + " at " + location;
    }

    @Override
    public String toString() {
        return severity + " " + awsText();
    }
}
