package io.conflux.asl.choice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Problems;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: JSON from text with single quotes, and compiling rules while collecting what is reported. */
final class Rules {
    static final String AT = "/States/C/Choices/0";

    private Rules() {}

    /** What a compile reported. */
    record Reported(String pointer, String code, String message) {}

    /** The outcome of compiling one rule. */
    record Compiled(Condition condition, List<Reported> problems) {}

    /** JSON written with single quotes for readability; a literal single quote cannot be written. */
    static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Compiled compile(String rule, QueryLanguage language) {
        List<Reported> problems = new ArrayList<>();
        Problems sink = (pointer, code, message) -> problems.add(new Reported(pointer, code, message));
        Condition condition = ChoiceCompiler.compile(json(rule), AT, language, true, sink);
        return new Compiled(condition, problems);
    }

    static Compiled compile(String rule) {
        return compile(rule, QueryLanguage.JSONPATH);
    }

    /** Compiles a rule that must be valid. */
    static Condition valid(String rule) {
        Compiled c = compile(rule);
        if (!c.problems().isEmpty() || c.condition() == null) {
            throw new AssertionError("Expected " + rule + " to compile, but got " + c.problems());
        }
        return c.condition();
    }
}
