package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an intrinsic call into an {@link Expr} tree, checking everything that can be known before run time: the
 * syntax, the function names, the number of arguments, literal arguments against what each parameter takes, and the
 * value of calls whose arguments are all constant (which are computed here, once).
 *
 * <p>The grammar, as AWS documents it: {@code call := 'States.' Name '(' [arg (',' arg)*] ')'}, where an argument is
 * a string in single quotes (in which \', \{, \} and \\ stand for the character itself and no other backslash is
 * allowed), a number, {@code true}, {@code false}, {@code null}, a path ({@code $…}, {@code $$…}, {@code $name…}) or
 * a nested call. Whitespace may surround arguments.
 */
final class Parser {
    private static final String PREFIX = "States.";
    private static final String ESCAPABLE = "'{}\\";

    private final String text;
    private final boolean allowVariables;
    private int pos;

    private Parser(String text, boolean allowVariables) {
        this.text = text;
        this.allowVariables = allowVariables;
    }

    static Expr parse(String text, boolean allowVariables) throws InvalidExpressionException {
        Parser p = new Parser(text, allowVariables);
        p.skipSpace();
        if (!p.text.startsWith(PREFIX, p.pos)) {
            throw p.error("an intrinsic function call such as States.Format(…)");
        }
        Expr e = p.call();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("the end of the expression");
        }
        return e;
    }

    private Expr call() throws InvalidExpressionException {
        int start = pos;
        pos += PREFIX.length();
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        Function function = Function.named(name);
        if (function == null) {
            throw new InvalidExpressionException("Expected one of the intrinsic functions " + Function.allNames()
                    + ", but got '" + name + "' in '" + text + "'");
        }
        skipSpace();
        if (!take('(')) {
            throw error("'(' after " + name);
        }
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (!take(')')) {
            while (true) {
                args.add(argument());
                skipSpace();
                if (take(',')) {
                    continue;
                }
                if (take(')')) {
                    break;
                }
                throw error("',' or ')' after the " + Values.ordinal(args.size()) + " argument of " + name);
            }
        }
        return build(function, args, text.substring(start, pos));
    }

    private Expr argument() throws InvalidExpressionException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("an argument");
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (text.startsWith(PREFIX, pos)) {
            return call();
        }
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        switch (text.substring(start, pos)) {
            case "true" -> {
                return new Expr.Literal(BooleanNode.TRUE, null);
            }
            case "false" -> {
                return new Expr.Literal(BooleanNode.FALSE, null);
            }
            case "null" -> {
                return new Expr.Literal(NullNode.getInstance(), null);
            }
            default -> {
                pos = start;
                throw error("an argument (a string in single quotes, a number, true, false, null, a path starting "
                        + "with '$' or an intrinsic function call)");
            }
        }
    }

    private Expr string() throws InvalidExpressionException {
        int open = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new InvalidExpressionException("Expected a closing quote for the string that starts at character "
                        + (open + 1) + " of '" + text + "', but reached the end");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= text.length() || ESCAPABLE.indexOf(text.charAt(pos + 1)) < 0) {
                    throw error("one of the escapes \\', \\{, \\} or \\\\ (write \\\\ for a backslash)");
                }
                c = text.charAt(++pos);
            }
            value.append(c);
            pos++;
        }
        String source = text.substring(open + 1, pos);
        pos++;
        return new Expr.Literal(Values.text(value.toString()), source);
    }

    private Expr number() throws InvalidExpressionException {
        int start = pos;
        while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String token = text.substring(start, pos);
        try {
            JsonNode n = Json.parse(token);
            if (n.isNumber()) {
                return new Expr.Literal(n, null);
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        pos = start;
        throw error("a number");
    }

    /** A path runs to the first ',' or ')' or whitespace outside brackets, parentheses and quotes. */
    private Expr path() throws InvalidExpressionException {
        int start = pos;
        int depth = 0;
        char quote = 0;
        for (; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '\'' || c == '"') && depth > 0) {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                break;
            }
        }
        pos = Math.min(pos, text.length());
        String path = text.substring(start, pos);
        try {
            return new Expr.Path(JsonPath.compile(path, allowVariables));
        } catch (InvalidExpressionException e) {
            throw new InvalidExpressionException(e.getMessage() + " (in '" + text + "')");
        }
    }

    /** A call of {@code function}, checked and, when all its arguments are constant, computed. */
    private static Expr build(Function function, List<Expr> args, String callText)
            throws InvalidExpressionException {
        if (!function.signature().accepts(args.size())) {
            throw new InvalidExpressionException("Expected " + function.signature().arity() + " for " + function
                    + ", but got " + args.size() + " in '" + callText + "'");
        }
        boolean constant = true;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Expr.Literal literal) {
                try {
                    function.accept(i, literal.value());
                } catch (BadArgument e) {
                    throw invalid(e.getMessage(), callText);
                }
            } else {
                constant = false;
            }
        }
        Expr call = function == Function.FORMAT && args.getFirst() instanceof Expr.Literal template
                ? format(template, args.subList(1, args.size()), callText)
                : new Expr.Call(function, args, callText);
        if (!constant || !function.isPure()) {
            return call;
        }
        try {
            // Pure functions never read the scope.
            return new Expr.Literal(call.eval(null), null);
        } catch (EvaluationFailure e) {
            throw invalid(e.reason(), callText);
        }
    }

    private static Expr format(Expr.Literal template, List<Expr> values, String callText)
            throws InvalidExpressionException {
        try {
            FormatTemplate t = template.source() != null
                    ? FormatTemplate.ofLiteral(template.source())
                    : FormatTemplate.ofValue(template.value().asText());
            t.checkArgumentCount(values.size());
            return new Expr.Format(t, values, callText);
        } catch (BadArgument e) {
            throw invalid(e.getMessage(), callText);
        }
    }

    private static InvalidExpressionException invalid(String reason, String callText) {
        return new InvalidExpressionException(reason + " in '" + callText + "'");
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean take(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private InvalidExpressionException error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.charAt(pos) + "'";
        return new InvalidExpressionException("Expected " + expected + " at character " + (pos + 1) + " of '" + text
                + "', but found " + found);
    }
}
