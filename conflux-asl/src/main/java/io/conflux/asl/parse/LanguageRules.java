package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which query language an object is in, and the fields that belong to one language only. */
final class LanguageRules {
    private LanguageRules() {}

    static final List<String> VALUES = List.of("JSONPath", "JSONata");

    /** Fields of JSONPath states that a JSONata state may not have. */
    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "Result", "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath",
            "TimestampPath", "ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath");

    /** Fields of JSONata states that a JSONPath state may not have. */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    /**
     * The language an object's QueryLanguage field sets. As AWS resolves it: absent, the object inherits;
     * exactly {@code "JSONPath"}, it is JSONPath; anything else, a misspelling or not a string alike, it is JSONata
     * (and {@link #checkValue} reports the value).
     */
    static QueryLanguage resolve(JsonNode object, QueryLanguage inherited) {
        JsonNode ql = object.get("QueryLanguage");
        if (ql == null) {
            return inherited;
        }
        return ql.isTextual() && ql.asText().equals("JSONPath") ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
    }

    /** Whether the object asks for JSONPath by name. */
    static boolean declaresJsonPath(JsonNode object) {
        JsonNode ql = object.get("QueryLanguage");
        return ql != null && ql.isTextual() && ql.asText().equals("JSONPath");
    }

    /** Reports a QueryLanguage value outside AWS's enumeration, at the field. */
    static void checkValue(Fields f) {
        f.oneOf("QueryLanguage", VALUES);
    }

    /** Reports, at the object, every field that belongs to the other language, in document order. */
    static void rejectOtherLanguage(Fields f, QueryLanguage language, Set<String> allowed) {
        Set<String> foreign = language == QueryLanguage.JSONATA ? JSONPATH_ONLY : JSONATA_ONLY;
        for (Map.Entry<String, JsonNode> e : f.node().properties()) {
            if (foreign.contains(e.getKey()) && allowed.contains(e.getKey())) {
                f.reportHere(onlyFor(language, e.getKey()));
            }
        }
    }

    static String onlyFor(QueryLanguage current, String field) {
        QueryLanguage other = current == QueryLanguage.JSONATA ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
        return "The QueryLanguage is set to '" + current.aslName() + "', but field '" + field
                + "' is only supported for the '" + other.aslName() + "' QueryLanguage";
    }
}
