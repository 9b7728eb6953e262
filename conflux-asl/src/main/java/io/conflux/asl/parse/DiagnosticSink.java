package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.Diagnostic.Severity;
import io.conflux.asl.expr.Problems;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one parse, in the order they are found, turning the parser's pointers into the three
 * forms of {@link Locations.Where}. It is the {@link Problems} every reader and compiler reports to.
 */
final class DiagnosticSink implements Problems {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private JsonNode root;

    /** The definition the pointers point into; set once it is read. */
    void root(JsonNode root) {
        this.root = root;
    }

    @Override
    public void report(String pointer, String code, String message) {
        add(Severity.ERROR, pointer, code, message, null);
    }

    @Override
    public void report(String pointer, String code, String message, String detail) {
        add(Severity.ERROR, pointer, code, message, detail);
    }

    void warn(String pointer, String code, String message) {
        add(Severity.WARNING, pointer, code, message, null);
    }

    /** An error AWS does not place anywhere (its location is null), such as a machine without an end. */
    void reportNowhere(String code, String message) {
        diagnostics.add(new Diagnostic(Severity.ERROR, code, message, null, null, null, null));
    }

    /** An error whose location is text AWS prints as it is, such as a syntax error's {@code [Source: …]}. */
    void reportAt(String location, String code, String message) {
        diagnostics.add(new Diagnostic(Severity.ERROR, code, message, location, null, null, null));
    }

    private void add(Severity severity, String pointer, String code, String message, String detail) {
        Locations.Where where = Locations.of(root, pointer);
        diagnostics.add(new Diagnostic(severity, code, message, where.location(), where.pointer(), where.stateName(),
                detail));
    }

    /** How many errors so far; readers compare counts to learn whether a part of the definition failed. */
    int errorCount() {
        int n = 0;
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                n++;
            }
        }
        return n;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
