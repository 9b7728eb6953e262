package io.conflux.asl.choice;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Problems;
import java.util.Locale;

/**
 * Where rule readers report, counting what they report so that the compiler knows whether the rule is usable. The
 * messages follow AWS's schema validation wording where it is known (see the tests for each).
 */
final class RuleProblems implements Problems {
    private final Problems target;
    private int count;

    RuleProblems(Problems target) {
        this.target = target;
    }

    @Override
    public void report(String pointer, String code, String message) {
        count++;
        target.report(pointer, code, message);
    }

    void schema(String pointer, String message) {
        report(pointer, SCHEMA_VALIDATION_FAILED, message);
    }

    /** A field the rule may not have. */
    void unsupported(String pointer, String field) {
        schema(Problems.child(pointer, field), "Field '" + field + "' is not supported");
    }

    /** A field that belongs to the other query language. */
    void otherLanguage(String pointer, String field, QueryLanguage language) {
        schema(Problems.child(pointer, field),
                "The field '" + field + "' is not supported for the query language " + language.aslName());
    }

    void wrongType(String pointer, String field, String expected, JsonNode actual) {
        schema(pointer, "The value of '" + field + "' must be a " + expected + " but was " + typeOf(actual));
    }

    int count() {
        return count;
    }

    /** AWS's spelling of JSON types in schema messages: {@code STRING}, {@code OBJECT}, … */
    static String typeOf(JsonNode value) {
        return value.getNodeType().name().toUpperCase(Locale.ROOT);
    }
}
