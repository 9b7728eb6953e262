package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.JException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONata error messages as jsonata-js words them, which is what AWS shows ({@code T1006: Attempted to invoke a
 * non-function}).
 *
 * <p>The Java library carries the same codes but not the same text: its copy of the catalog has "function" replaced by
 * "Object", it quotes every inserted value where jsonata-js inserts some raw and JSON-encodes others, and an error
 * carries at most two inserted values, not always in template order. So the catalog is kept here, and each error's
 * values are mapped to the template's fields by code.
 */
final class JsonataMessages {
    /** jsonata-js's catalog. {@code {{x}}} is replaced by the JSON of field x, {@code {{{x}}}} by its text. */
    private static final Map<String, String> CATALOG = Map.ofEntries(
            Map.entry("S0101", "String literal must be terminated by a matching quote"),
            Map.entry("S0102", "Number out of range: {{token}}"),
            Map.entry("S0103", "Unsupported escape sequence: \\{{token}}"),
            Map.entry("S0104", "The escape sequence \\u must be followed by 4 hex digits"),
            Map.entry("S0105", "Quoted property name must be terminated with a backquote (`)"),
            Map.entry("S0106", "Comment has no closing tag"),
            Map.entry("S0201", "Syntax error: {{token}}"),
            Map.entry("S0202", "Expected {{value}}, got {{token}}"),
            Map.entry("S0203", "Expected {{value}} before end of expression"),
            Map.entry("S0204", "Unknown operator: {{token}}"),
            Map.entry("S0205", "Unexpected token: {{token}}"),
            Map.entry("S0206", "Unknown expression type: {{token}}"),
            Map.entry("S0207", "Unexpected end of expression"),
            Map.entry("S0208", "Parameter {{value}} of function definition must be a variable name (start with $)"),
            Map.entry("S0209", "A predicate cannot follow a grouping expression in a step"),
            Map.entry("S0210", "Each step can only have one grouping expression"),
            Map.entry("S0211", "The symbol {{token}} cannot be used as a unary operator"),
            Map.entry("S0212", "The left side of := must be a variable name (start with $)"),
            Map.entry("S0213", "The literal value {{value}} cannot be used as a step within a path expression"),
            Map.entry("S0214", "The right side of {{token}} must be a variable name (start with $)"),
            Map.entry("S0215", "A context variable binding must precede any predicates on a step"),
            Map.entry("S0216", "A context variable binding must precede the \"order-by\" clause on a step"),
            Map.entry("S0217", "The object representing the \"parent\" cannot be derived from this expression"),
            Map.entry("S0301", "Empty regular expressions are not allowed"),
            Map.entry("S0302", "No terminating / in regular expression"),
            Map.entry("S0402", "Choice groups containing parameterized types are not supported"),
            Map.entry("S0401", "Type parameters can only be applied to functions and arrays"),
            Map.entry("S0500", "Attempted to evaluate an expression containing syntax error(s)"),
            Map.entry("T0410", "Argument {{index}} of function {{token}} does not match function signature"),
            Map.entry("T0411", "Context value is not a compatible type with argument {{index}} of function {{token}}"),
            Map.entry("T0412", "Argument {{index}} of function {{token}} must be an array of {{type}}"),
            Map.entry("D1001", "Number out of range: {{value}}"),
            Map.entry("D1002", "Cannot negate a non-numeric value: {{value}}"),
            Map.entry("T1003", "Key in object structure must evaluate to a string; got: {{value}}"),
            Map.entry("D1004", "Regular expression matches zero length string"),
            Map.entry("T1005", "Attempted to invoke a non-function. Did you mean ${{{token}}}?"),
            Map.entry("T1006", "Attempted to invoke a non-function"),
            Map.entry("T1007", "Attempted to partially apply a non-function. Did you mean ${{{token}}}?"),
            Map.entry("T1008", "Attempted to partially apply a non-function"),
            Map.entry("D1009", "Multiple key definitions evaluate to same key: {{value}}"),
            Map.entry("T1010", "The matcher function argument passed to function {{token}} does not return the "
                    + "correct object structure"),
            Map.entry("T2001", "The left side of the {{token}} operator must evaluate to a number"),
            Map.entry("T2002", "The right side of the {{token}} operator must evaluate to a number"),
            Map.entry("T2003", "The left side of the range operator (..) must evaluate to an integer"),
            Map.entry("T2004", "The right side of the range operator (..) must evaluate to an integer"),
            Map.entry("D2005", "The left side of := must be a variable name (start with $)"),
            Map.entry("T2006", "The right side of the function application operator ~> must be a function"),
            Map.entry("T2007", "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause"),
            Map.entry("T2008", "The expressions within an order-by clause must evaluate to numeric or string values"),
            Map.entry("T2009", "The values {{value}} and {{value2}} either side of operator {{token}} must be of the "
                    + "same data type"),
            Map.entry("T2010", "The expressions either side of operator {{token}} must evaluate to numeric or string "
                    + "values"),
            Map.entry("T2011", "The insert/update clause of the transform expression must evaluate to an object: "
                    + "{{value}}"),
            Map.entry("T2012", "The delete clause of the transform expression must evaluate to a string or array of "
                    + "strings: {{value}}"),
            Map.entry("T2013", "The transform expression clones the input object using the $clone() function.  This "
                    + "has been overridden in the current scope by a non-function."),
            Map.entry("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e6.  "
                    + "Attempted to allocate {{value}}."),
            Map.entry("D3001", "Attempting to invoke string function on Infinity or NaN"),
            Map.entry("D3010", "Second argument of replace function cannot be an empty string"),
            Map.entry("D3011", "Fourth argument of replace function must evaluate to a positive number"),
            Map.entry("D3012", "Attempted to replace a matched string with a non-string value"),
            Map.entry("D3020", "Third argument of split function must evaluate to a positive number"),
            Map.entry("D3030", "Unable to cast value to a number: {{value}}"),
            Map.entry("D3040", "Third argument of match function must evaluate to a positive number"),
            Map.entry("D3050", "The second argument of reduce function must be a function with at least two "
                    + "arguments"),
            Map.entry("D3060", "The sqrt function cannot be applied to a negative number: {{value}}"),
            Map.entry("D3061", "The power function has resulted in a value that cannot be represented as a JSON "
                    + "number: base={{value}}, exponent={{exp}}"),
            Map.entry("D3070", "The single argument form of the sort function can only be applied to an array of "
                    + "strings or an array of numbers.  Use the second argument to specify a comparison function"),
            Map.entry("D3080", "The picture string must only contain a maximum of two sub-pictures"),
            Map.entry("D3081", "The sub-picture must not contain more than one instance of the \"decimal-separator\" "
                    + "character"),
            Map.entry("D3082", "The sub-picture must not contain more than one instance of the \"percent\" character"),
            Map.entry("D3083", "The sub-picture must not contain more than one instance of the \"per-mille\" "
                    + "character"),
            Map.entry("D3084", "The sub-picture must not contain both a \"percent\" and a \"per-mille\" character"),
            Map.entry("D3085", "The mantissa part of a sub-picture must contain at least one character that is either "
                    + "an \"optional digit character\" or a member of the \"decimal digit family\""),
            Map.entry("D3086", "The sub-picture must not contain a passive character that is preceded by an active "
                    + "character and that is followed by another active character"),
            Map.entry("D3087", "The sub-picture must not contain a \"grouping-separator\" character that appears "
                    + "adjacent to a \"decimal-separator\" character"),
            Map.entry("D3088", "The sub-picture must not contain a \"grouping-separator\" at the end of the integer "
                    + "part"),
            Map.entry("D3089", "The sub-picture must not contain two adjacent instances of the \"grouping-separator\" "
                    + "character"),
            Map.entry("D3090", "The integer part of the sub-picture must not contain a member of the \"decimal digit "
                    + "family\" that is followed by an instance of the \"optional digit character\""),
            Map.entry("D3091", "The fractional part of the sub-picture must not contain an instance of the \"optional "
                    + "digit character\" that is followed by a member of the \"decimal digit family\""),
            Map.entry("D3092", "A sub-picture that contains a \"percent\" or \"per-mille\" character must not contain "
                    + "a character treated as an \"exponent-separator\""),
            Map.entry("D3093", "The exponent part of the sub-picture must comprise only of one or more characters "
                    + "that are members of the \"decimal digit family\""),
            Map.entry("D3100", "The radix of the formatBase function must be between 2 and 36.  It was given "
                    + "{{value}}"),
            Map.entry("D3110", "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given "
                    + "{{value}}"),
            Map.entry("D3120", "Syntax error in expression passed to function eval: {{value}}"),
            Map.entry("D3121", "Dynamic error evaluating the expression passed to function eval: {{value}}"),
            Map.entry("D3130", "Formatting or parsing an integer as a sequence starting with {{value}} is not "
                    + "supported by this implementation"),
            Map.entry("D3131", "In a decimal digit pattern, all digits must be from the same decimal group"),
            Map.entry("D3132", "Unknown component specifier {{value}} in date/time picture string"),
            Map.entry("D3133", "The \"name\" modifier can only be applied to months and days in the date/time picture "
                    + "string, not {{value}}"),
            Map.entry("D3134", "The timezone integer format specifier cannot have more than four digits"),
            Map.entry("D3135", "No matching closing bracket \"]\" in date/time picture string"),
            Map.entry("D3136", "The date/time picture string is missing specifiers required to parse the timestamp"),
            Map.entry("D3137", "{{{message}}}"),
            Map.entry("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more."),
            Map.entry("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0."),
            Map.entry("D3140", "Malformed URL passed to ${{{functionName}}}(): {{value}}"),
            Map.entry("D3141", "{{{message}}}"));

    /** The element type names of array signatures ({@code a<n>} wants "numbers"). */
    private static final Map<String, String> ARRAY_TYPES = Map.of(
            "a", "arrays", "b", "booleans", "f", "functions", "n", "numbers", "o", "objects", "s", "strings");

    /** JavaScript's undefined, which a template renders as the word "undefined". */
    private static final Object UNDEFINED = JsText.UNDEFINED;
    private static final Pattern CODE = Pattern.compile("[A-Z]\\d{4}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)(\\w+)}}}?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    /** A value the library could not convert to a number ({@code $number("abc")}) surfaces as a Java exception. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("For input string: \"(.*)\"");

    private JsonataMessages() {}

    /**
     * The text after "threw an error during evaluation" for a failure: {@code ". CODE: message"} for a JSONata
     * error, {@code ": message"} for a limit AWS enforces without a code.
     *
     * @param source the text the library parsed, to recover values its errors do not carry
     * @param text what the lexical pass found in the expression
     */
    static String evaluationFailure(Throwable failure, String source, ExpressionText text) {
        if (failure instanceof StackOverflowError) {
            return ": " + StepFunctionsLimits.STACK_OVERFLOW;
        }
        if (failure instanceof JException e) {
            String code = e.getError();
            if (code != null && code.startsWith("Stack overflow error")) {
                return ": " + StepFunctionsLimits.STACK_OVERFLOW;
            }
            if (code != null && code.startsWith("Expression evaluation timeout")) {
                return ": " + StepFunctionsLimits.TIMEOUT;
            }
            if (e instanceof FunctionError f) {
                return f.code() == null ? ": " + f.text() : ". " + f.code() + ": " + f.text();
            }
            if (code != null && CODE.matcher(code).matches()) {
                return ". " + code + ": " + render(e, source, text);
            }
            String known = codeOfMessage(code);
            if (known != null) {
                return ". " + known + ": " + CATALOG.get(known);
            }
            return ": " + code;
        }
        // The library lets a few Java exceptions escape; the one with a JSONata equivalent is mapped to it.
        if (failure instanceof NumberFormatException) {
            Matcher m = NOT_A_NUMBER.matcher(String.valueOf(failure.getMessage()));
            if (m.matches()) {
                return ". D3030: Unable to cast value to a number: " + JsText.json(m.group(1));
            }
        }
        return ": " + failure.getMessage();
    }

    /** A parse error as AWS reports it at create time: the message alone, without the code. */
    static String parseFailure(JException e, String source) {
        String code = e.getError();
        if (code != null && CODE.matcher(code).matches() && CATALOG.containsKey(code)) {
            return render(e, source, null);
        }
        return e.getMessage();
    }

    /** The message of error {@code e}, its values placed where jsonata-js places them. */
    private static String render(JException e, String source, ExpressionText text) {
        String code = e.getError();
        String template = CATALOG.get(code);
        if (template == null) {
            return e.getMessage().replace("Object", "function");
        }
        Object current = e.getCurrent();
        Object expected = e.getExpected();
        Map<String, Object> fields = switch (code) {
            case "S0102" -> Map.of("token", numberOutOfRange(source));
            case "D1002" -> single("value", expected);
            case "T0411" -> pair("index", expected, "token", functionAt(source, e.getLocation()));
            case "T0412" -> Map.of("index", 1, "token", functionAt(source, e.getLocation()),
                    "type", arrayType(expected));
            case "T2009" -> triple("value", current, "value2", expected, "token",
                    text == null || text.comparison() == null ? UNDEFINED : text.comparison());
            default -> inOrder(template, current, expected);
        };
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            Object value = fields.containsKey(m.group(2)) ? fields.get(m.group(2)) : UNDEFINED;
            String inserted = m.group(1).isEmpty() ? JsText.json(value) : JsText.raw(value);
            m.appendReplacement(out, Matcher.quoteReplacement(inserted));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object arrayType(Object subtype) {
        String name = ARRAY_TYPES.get(String.valueOf(subtype));
        return name == null ? UNDEFINED : name;
    }

    /** The library passes its two values in the order the template names them, save for the codes mapped above. */
    private static Map<String, Object> inOrder(String template, Object current, Object expected) {
        Matcher m = PLACEHOLDER.matcher(template);
        Object[] values = {current, expected};
        Map<String, Object> fields = new HashMap<>();
        int i = 0;
        while (m.find() && i < values.length) {
            if (!fields.containsKey(m.group(2))) {
                Object value = values[i++];
                fields.put(m.group(2), value == null ? UNDEFINED : value);
            }
        }
        return fields;
    }

    private static Map<String, Object> single(String k, Object v) {
        return Map.of(k, v == null ? UNDEFINED : v);
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        return Map.of(k1, v1 == null ? UNDEFINED : v1, k2, v2 == null ? UNDEFINED : v2);
    }

    private static Map<String, Object> triple(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        return Map.of(k1, v1 == null ? UNDEFINED : v1, k2, v2 == null ? UNDEFINED : v2, k3,
                v3 == null ? UNDEFINED : v3);
    }

    /** The name of the function called at {@code location}, which the library sets just past its '('. */
    private static Object functionAt(String source, int location) {
        if (location <= 0 || location > source.length()) {
            return UNDEFINED;
        }
        int i = location - 1;
        while (i >= 0 && source.charAt(i) != '(') {
            i--;
        }
        int end = i;
        while (end > 0 && Character.isWhitespace(source.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && source.charAt(start - 1) != '$' && !Character.isWhitespace(source.charAt(start - 1))
                && "([{,;:?".indexOf(source.charAt(start - 1)) < 0) {
            start--;
        }
        return start < end && start > 0 && source.charAt(start - 1) == '$' ? source.substring(start, end) : UNDEFINED;
    }

    /** The number literal too large for a double, which the library does not pass on. */
    private static Object numberOutOfRange(String source) {
        Matcher m = NUMBER.matcher(source);
        while (m.find()) {
            if (Double.isInfinite(Double.parseDouble(m.group()))) {
                return m.group();
            }
        }
        return UNDEFINED;
    }

    /** A few library errors carry the message in place of the code. */
    private static String codeOfMessage(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<String, String> e : CATALOG.entrySet()) {
            if (!e.getValue().contains("{{") && e.getValue().equals(message.replace("Object", "function"))) {
                return e.getKey();
            }
        }
        return null;
    }
}
