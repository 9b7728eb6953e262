package io.conflux.asl.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.StatesException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers shared by this package's tests. */
final class Jsonatas {
    private Jsonatas() {}

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems collected as "CODE: message at pointer". */
    static final class Collected implements Problems {
        final List<String> all = new ArrayList<>();

        @Override
        public void report(String pointer, String code, String message) {
            all.add(code + ": " + message + " at " + pointer);
        }
    }

    /** A problem sink for definitions that must compile. */
    static final Problems NONE = (pointer, code, message) -> {
        throw new AssertionError("Expected no problem, but got " + code + ": " + message + " at " + pointer);
    };

    static JsonataExpr expr(String expression) {
        return JsonataCompiler.compileExpression("{% " + expression + " %}", "Output", "/States/S/Output", NONE);
    }

    static JsonataTemplate template(String json, String field) {
        return JsonataCompiler.compileTemplate(json(json), field, "/States/S/" + field, NONE);
    }

    static Scope input(String json) {
        return new SimpleScope(json(json), Json.object(), Map.of());
    }

    static JsonNode eval(String expression, Scope scope) {
        return expr(expression).evaluate(scope);
    }

    static JsonNode eval(String expression) {
        return eval(expression, input("{}"));
    }

    /** The cause AWS gives when {@code expression} fails (without the engine's state prefix). */
    static String cause(String expression, Scope scope) {
        try {
            JsonNode value = eval(expression, scope);
            throw new AssertionError("Expected '" + expression + "' to fail, but it gave " + value);
        } catch (StatesException e) {
            if (!e.error().equals("States.QueryEvaluationError")) {
                throw new AssertionError("Expected States.QueryEvaluationError, but got " + e.error());
            }
            return e.cause();
        }
    }

    /** The cause of the States.QueryEvaluationError {@code action} throws. */
    static String causeOf(Runnable action) {
        try {
            action.run();
        } catch (StatesException e) {
            if (!e.error().equals("States.QueryEvaluationError")) {
                throw new AssertionError("Expected States.QueryEvaluationError, but got " + e.error());
            }
            return e.cause();
        }
        throw new AssertionError("Expected a States.QueryEvaluationError, but nothing was thrown");
    }

    static String cause(String expression) {
        return cause(expression, input("{}"));
    }

    /** The problems reported for one expression. */
    static List<String> problems(String text) {
        Collected c = new Collected();
        JsonataExpr e = JsonataCompiler.compileExpression(text, "Output", "/States/Main/Output", c);
        if (e != null && !c.all.isEmpty()) {
            throw new AssertionError("Expected no expression when problems are reported");
        }
        return c.all;
    }
}
