package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled intrinsic expression: an argument or a call. Trees are built once at load time and are immutable, so
 * one tree serves every execution concurrently.
 */
sealed interface Expr permits Expr.Literal, Expr.Path, Expr.Call, Expr.Format {

    /**
     * The value of this expression.
     *
     * @throws EvaluationFailure when an argument path selects nothing or a function rejects its arguments
     */
    JsonNode eval(Scope scope);

    /**
     * A constant: a literal as written ({@code 'text'}, {@code 12}, {@code -1.5}, {@code true}, {@code null}) or the
     * folded value of a call whose arguments are all constant.
     *
     * @param source the literal's text between the quotes as written, escapes included; null for numbers, keywords
     *     and folded values. States.Format needs it to tell an escaped brace from a placeholder.
     */
    record Literal(JsonNode value, String source) implements Expr {
        @Override
        public JsonNode eval(Scope scope) {
            return value;
        }
    }

    /** A path argument: {@code $.x}, {@code $$.Execution.Id}, {@code $name.x}. */
    record Path(JsonPath path) implements Expr {
        @Override
        public JsonNode eval(Scope scope) {
            return PathArgument.resolve(path, scope);
        }
    }

    /** A call of one of the functions; {@code text} is the call as written, for messages. */
    record Call(Function function, List<Expr> args, String text) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public JsonNode eval(Scope scope) {
            return function.invoke(evalAll(args, scope), scope);
        }
    }

    /** States.Format with a template written as a literal, parsed once at load time. */
    record Format(FormatTemplate template, List<Expr> values, String text) implements Expr {
        public Format {
            values = List.copyOf(values);
        }

        @Override
        public JsonNode eval(Scope scope) {
            return Values.text(template.render(evalAll(values, scope)));
        }
    }

    private static List<JsonNode> evalAll(List<Expr> exprs, Scope scope) {
        List<JsonNode> values = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            values.add(e.eval(scope));
        }
        return values;
    }
}
