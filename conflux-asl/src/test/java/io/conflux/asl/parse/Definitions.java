package io.conflux.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import java.util.List;
import org.assertj.core.api.ListAssert;

/** Helpers for the rule tests: small definitions, and assertions on what AWS would say of them. */
final class Definitions {
    private Definitions() {}

    /** A machine whose only state, S, is {@code state}. */
    static String oneState(String state) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
    }

    /** A JSONata machine whose only state, S, is {@code state}. */
    static String oneJsonataState(String state) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
    }

    static ParseResult parse(String definition) {
        return Asl.parse(definition);
    }

    static ParseResult parseExpress(String definition) {
        return Asl.parse(definition, Asl.Options.DEFAULT.withExpress(true));
    }

    /**
     * The diagnostics of {@code definition} in AWS's one-line form ({@code CODE: message at location}), leaving out
     * those of the other engineers' stub compilers (Choice rules, JSONata, intrinsic functions).
     */
    static ListAssert<String> assertDiagnostics(ParseResult result) {
        return assertThat(texts(result.diagnostics()));
    }

    static ListAssert<String> assertDiagnostics(String definition) {
        return assertDiagnostics(parse(definition));
    }

    static List<String> texts(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> !isStub(d)).map(Diagnostic::awsText).toList();
    }

    /** Asserts that {@code definition} is valid, with no diagnostic at all (a stub's aside). */
    static void assertValid(String definition) {
        ParseResult result = parse(definition);
        assertDiagnostics(result).isEmpty();
    }

    private static boolean isStub(Diagnostic d) {
        return d.message().contains("not implemented yet") || d.message().contains("not supported yet");
    }
}
