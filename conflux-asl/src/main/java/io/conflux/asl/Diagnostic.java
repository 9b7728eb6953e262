package io.conflux.asl;

import java.util.Objects;

/**
 * One problem found in a definition, as AWS's ValidateStateMachineDefinition reports it.
 *
 * @param severity ERROR makes the definition unusable; WARNING does not
 * @param code AWS's diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}
 * @param location a JSON pointer into the definition, e.g. {@code /States/Wait/Seconds}
 * @param stateName the state the problem belongs to, or null when it belongs to the machine
 * @param message the message without the location
 */
public record Diagnostic(Severity severity, String code, String location, String stateName, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String code, String location, String stateName, String message) {
        return new Diagnostic(Severity.ERROR, code, location, stateName, message);
    }

    public static Diagnostic warning(String code, String location, String stateName, String message) {
        return new Diagnostic(Severity.WARNING, code, location, stateName, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** AWS's one-line form, as it appears inside an InvalidDefinition message: {@code CODE: message at /pointer}. */
    public String awsText() {
        return code + ": " + message + " at " + location;
    }

    @Override
    public String toString() {
        return awsText();
    }
}
