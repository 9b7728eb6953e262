package io.conflux.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.StatesException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Compiling and evaluating intrinsic expressions in tests. */
final class IntrinsicTesting {
    private IntrinsicTesting() {}

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode eval(String expression) {
        return eval(expression, "{}");
    }

    static JsonNode eval(String expression, String input) {
        return eval(expression, Scope.ofInput(json(input)));
    }

    static JsonNode eval(String expression, Scope scope) {
        try {
            return Intrinsics.compile(expression, true).evaluate(scope);
        } catch (InvalidExpressionException e) {
            throw new AssertionError("Expected '" + expression + "' to compile, but: " + e.getMessage(), e);
        }
    }

    /** The cause of the States.Runtime failure that evaluating {@code expression} on {@code input} raises. */
    static String runtimeCause(String expression, String input) {
        return runtimeCause(expression, Scope.ofInput(json(input)));
    }

    static String runtimeCause(String expression, Scope scope) {
        StatesException e = catchThrowableOfType(StatesException.class, () -> eval(expression, scope));
        assertThat(e).as("a failure of %s", expression).isNotNull();
        assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
        return e.cause();
    }

    /** The load-time message for {@code expression}, which must not compile. */
    static String loadError(String expression) {
        InvalidExpressionException e = catchThrowableOfType(InvalidExpressionException.class,
                () -> Intrinsics.compile(expression, true));
        assertThat(e).as("a load-time error for %s", expression).isNotNull();
        return e.getMessage();
    }

    /** A scope whose randomness comes from {@code random}. */
    static Scope scopeWith(RandomGenerator random, String input) {
        SimpleScope base = new SimpleScope(json(input), Json.object(), Map.of());
        return new Scope() {
            @Override
            public JsonNode input() {
                return base.input();
            }

            @Override
            public JsonNode context() {
                return base.context();
            }

            @Override
            public JsonNode variable(String name) {
                return base.variable(name);
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }
}
