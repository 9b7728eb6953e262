package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.Template;
import io.conflux.asl.model.Catcher;
import io.conflux.asl.model.ResultPath;
import io.conflux.asl.model.Retrier;
import io.conflux.asl.model.StateHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Retry and Catch of Task, Parallel and Map states. */
final class ErrorHandlingReader {
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS =
            Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");
    static final String ALL_ALONE_AND_LAST = "States.ALL must appear alone and at end of list";
    private static final long MAX_SECONDS = 99_999_999L;
    /** One year and a day: AWS's bound for MaxDelaySeconds. */
    private static final long MAX_DELAY_SECONDS = 31_622_400L;

    private final Problems problems;
    private final DataFlowReader dataFlow;
    private final PathFields paths;

    ErrorHandlingReader(Problems problems) {
        this.problems = problems;
        this.dataFlow = new DataFlowReader(problems);
        this.paths = new PathFields(problems);
    }

    List<Retrier> retry(Fields f) {
        JsonNode node = f.array("Retry");
        if (node == null) {
            return List.of();
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Fields rf = element(f, "Retry", i);
            if (rf == null) {
                continue;
            }
            rf.allowOnly(RETRIER_FIELDS);
            rf.required("ErrorEquals");
            List<String> errors = errorEquals(rf, i == node.size() - 1);
            Long interval = rf.integer("IntervalSeconds", 0L, MAX_SECONDS);
            Long attempts = rf.integer("MaxAttempts", 0L, MAX_SECONDS);
            Double backoff = rf.number("BackoffRate", 1.0, null);
            Long maxDelay = rf.integer("MaxDelaySeconds", 1L, MAX_DELAY_SECONDS);
            String jitter = rf.oneOf("JitterStrategy", List.of("NONE", "FULL"));
            out.add(new Retrier(errors, interval == null ? 1 : interval,
                    attempts == null ? 3 : (int) Math.min(attempts, Integer.MAX_VALUE),
                    backoff == null ? 2.0 : backoff, maxDelay,
                    "FULL".equals(jitter) ? Retrier.Jitter.FULL : Retrier.Jitter.NONE, rf.string("Comment")));
        }
        return List.copyOf(out);
    }

    List<Catcher> catchers(StateHeader h, Fields f) {
        JsonNode node = f.array("Catch");
        if (node == null) {
            return List.of();
        }
        boolean jsonata = h.queryLanguage() == QueryLanguage.JSONATA;
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Fields cf = element(f, "Catch", i);
            if (cf == null) {
                continue;
            }
            cf.allowOnly(CATCHER_FIELDS);
            LanguageRules.rejectOtherLanguage(cf, h.queryLanguage(), CATCHER_FIELDS);
            cf.required("ErrorEquals", "Next");
            List<String> errors = errorEquals(cf, i == node.size() - 1);
            String next = cf.string("Next");
            ResultPath resultPath = jsonata ? ResultPath.REPLACE : paths.resultPath(cf, "ResultPath");
            Template output = jsonata ? dataFlow.jsonata(cf, "Output") : null;
            out.add(new Catcher(errors, next, resultPath, output, dataFlow.assign(h, cf), cf.string("Comment")));
        }
        return List.copyOf(out);
    }

    /** The i-th element of an array field as an object, or null when it is not one (reported). */
    private Fields element(Fields f, String field, int i) {
        JsonNode e = f.get(field).get(i);
        String at = Problems.child(f.pointer(field), i);
        if (!e.isObject()) {
            problems.report(at, SCHEMA_VALIDATION_FAILED, Fields.expectedType("OBJECT"));
            return null;
        }
        return new Fields(e, at, problems);
    }

    /**
     * ErrorEquals: a non-empty array of error names. {@code States.ALL} must be the only name, in the last retrier
     * or catcher.
     */
    private List<String> errorEquals(Fields f, boolean last) {
        JsonNode node = f.nonEmptyArray("ErrorEquals");
        if (node == null) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!e.isTextual()) {
                problems.report(Problems.child(f.pointer("ErrorEquals"), i),
                        SCHEMA_VALIDATION_FAILED, Fields.expectedType("STRING"));
                continue;
            }
            errors.add(e.asText());
        }
        if (errors.contains(ErrorNames.ALL) && (errors.size() > 1 || !last)) {
            f.report("ErrorEquals", ALL_ALONE_AND_LAST);
        }
        return List.copyOf(errors);
    }
}
