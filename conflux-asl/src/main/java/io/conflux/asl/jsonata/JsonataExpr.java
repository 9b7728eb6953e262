package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.expr.ValueExpr;
import java.util.List;
import java.util.Set;

/**
 * One compiled {@code "{% … %}"} expression, evaluated as AWS evaluates it: with {@code $states} and the workflow
 * variables it reads bound, Step Functions' functions available, {@code $eval} absent, and AWS's errors
 * ({@code States.QueryEvaluationError}) when it fails, returns nothing, or returns what its field cannot take.
 *
 * <h2>Sharing one compiled expression between threads</h2>
 * The library's compiled {@link Jsonata} is shared by every evaluation, which is safe only under three conditions this
 * class keeps, all found by reading the library (0.9.9) and confirmed by tests:
 * <ol>
 *   <li>Every evaluation passes its own bindings frame. Without one, the library binds the input into the compiled
 *       object's own frame, which all threads share.</li>
 *   <li>The compiled object is never the library's per-thread "current" instance. The library evaluates through a
 *       per-thread instance held in one static thread-local for all expressions, and writes the frame it is working
 *       in into that instance; a constructor makes the new object current on its thread. If the compiled object is
 *       current when it is evaluated, its frame is overwritten, and the next evaluation inherits the previous one's
 *       variables (measured: {@code $x} bound in one evaluation was still visible in the next). So right after
 *       compiling, a throwaway expression is compiled to take that place on the loading thread.</li>
 *   <li>{@code $now}, {@code $millis} and {@code $eval} are not the library's: those read the timestamp and frame of
 *       whichever expression the thread evaluated last.</li>
 * </ol>
 */
public final class JsonataExpr implements ValueExpr {
    /** The function the expression is wrapped in to receive its value as is (see {@link #run}). */
    static final String CAPTURE = "__confluxResult";

    private final String text;
    private final String expression;
    private final String field;
    private final String source;
    private final Jsonata compiled;
    private final ExpressionText scan;
    private final List<String> variables;
    private final boolean readsStates;

    JsonataExpr(String text, String expression, String field, String source, Jsonata compiled, ExpressionText scan) {
        this.text = text;
        this.expression = expression;
        this.field = field;
        this.source = source;
        this.compiled = compiled;
        this.scan = scan;
        this.readsStates = scan.names().contains("states");
        this.variables = scan.names().stream().filter(n -> !n.equals("states") && !n.equals(CAPTURE)).toList();
    }

    /** The string as written in the definition, {@code "{% … %}"}. */
    @Override
    public String text() {
        return text;
    }

    /** The expression between the delimiters, trimmed, as AWS quotes it in messages. */
    public String expression() {
        return expression;
    }

    /** The field path AWS names in messages, e.g. {@code Output/result} or {@code Items}. */
    public String field() {
        return field;
    }

    /** The {@code $states} fields the expression reads ({@code "*"} for all of {@code $states}). */
    public Set<String> statesFields() {
        return scan.statesFields();
    }

    /** The variable names the expression may read (over-approximated: locals and parameters are included). */
    public List<String> variables() {
        return variables;
    }

    /**
     * Evaluates to a JSON value.
     *
     * @throws StatesException {@code States.QueryEvaluationError} when the expression fails, returns nothing, or
     *     returns a function
     */
    @Override
    public JsonNode evaluate(Scope scope) {
        Object value = run(scope);
        if (value == null) {
            throw failure("returned nothing (undefined).");
        }
        if (JsonValues.isFunction(value)) {
            throw failure("returned an unsupported result type.");
        }
        return JsonValues.toJson(value);
    }

    /**
     * Evaluates for a field that takes only one JSON type, e.g. Map's {@code Items} ({@link JsonType#ARRAY}).
     *
     * @throws StatesException as {@link #evaluate(Scope)}, and when the value is of another type: "returned an
     *     unexpected result type. Expected 'array', but was 'number' for value: 1"
     */
    public JsonNode evaluate(Scope scope, JsonType expected) {
        JsonNode value = evaluate(scope);
        if (!expected.matches(value)) {
            throw failure("returned an unexpected result type. Expected '" + expected.awsName() + "', but was '"
                    + Json.typeName(value) + "' for value: " + Json.write(value));
        }
        return value;
    }

    /**
     * The expression's raw JSONata value; null when it is undefined.
     *
     * <p>The library turns a JSON null result into Java null, the same as undefined, and rewrites nulls inside the
     * result in place. So the expression is compiled as the argument of a function bound here, which receives its
     * value untouched and tells null from undefined.
     */
    private Object run(Scope scope) {
        Object[] result = new Object[1];
        Jsonata.Frame frame = compiled.createFrame();
        frame.bind(CAPTURE, new JFunction((input, args) -> {
            result[0] = args.isEmpty() ? null : args.get(0);
            return null;
        }, null));
        if (readsStates) {
            frame.bind("states", new StatesView(scope));
        }
        long[] now = {Long.MIN_VALUE};
        for (String name : variables) {
            if (StepFunctionsFunctions.PER_EVALUATION.contains(name)) {
                bindFunction(frame, name, scope, now);
            }
            JsonNode value = scope.variable(name);
            if (value != null) {
                frame.bind(name, JsonValues.toJsonata(value));
            }
        }
        // one level more than AWS's ceiling: the capturing call wraps the expression
        frame.setRuntimeBounds(StepFunctionsLimits.TIMEOUT_MILLIS, StepFunctionsLimits.MAX_DEPTH + 1);
        try {
            compiled.evaluate(null, frame);
        } catch (StatesException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw StatesException.queryEvaluation(prefix() + "threw an error during evaluation"
                    + JsonataMessages.evaluationFailure(e, source, scan), field);
        }
        return result[0];
    }

    /** Binds a function that reads the scope; {@code now} holds the evaluation's one reading of the clock. */
    private static void bindFunction(Jsonata.Frame frame, String name, Scope scope, long[] now) {
        if ((name.equals("now") || name.equals("millis")) && now[0] == Long.MIN_VALUE) {
            now[0] = scope.clock().millis();
        }
        switch (name) {
            case "random" -> frame.bind(name, StepFunctionsFunctions.random(scope.random()));
            case "uuid" -> frame.bind(name, StepFunctionsFunctions.uuid(scope.random()));
            case "now" -> frame.bind(name, StepFunctionsFunctions.now(now[0]));
            case "millis" -> frame.bind(name, StepFunctionsFunctions.millis(now[0]));
            default -> throw new IllegalArgumentException("Expected a per-evaluation function, but got " + name);
        }
    }

    private String prefix() {
        return "The JSONata expression '" + expression + "' specified for the field '" + field + "' ";
    }

    private StatesException failure(String what) {
        return StatesException.queryEvaluation(prefix() + what, field);
    }

    @Override
    public String toString() {
        return field + ": " + text;
    }
}
