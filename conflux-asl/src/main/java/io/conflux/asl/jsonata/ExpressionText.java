package io.conflux.asl.jsonata;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a lexical pass over an expression finds: the {@code $names} it reads (so only those variables are looked up
 * and bound), which {@code $states} fields it reads, and the constructs AWS refuses although the library accepts
 * them. Strings, quoted names, comments and regular expressions are skipped as the JSONata tokenizer skips them.
 *
 * <p>Names are over-approximated: a parameter or a local {@code $x := …} counts too. That is harmless, since binding a
 * workflow variable the expression does not read changes nothing.
 *
 * @param names every {@code $name} read, without the {@code $}
 * @param statesFields the fields read as {@code $states.field}; {@code "*"} when {@code $states} is read whole
 * @param rootReference whether {@code $$} appears, which AWS refuses
 * @param newOperator {@code "??"} or {@code "?:"} when the text uses an operator of JSONata 2.1, which AWS (2.0.6)
 *     does not have; null otherwise
 * @param comparison the first comparison operator, for error messages that name it; null when there is none
 */
record ExpressionText(
        Set<String> names, Set<String> statesFields, boolean rootReference, String newOperator, String comparison) {

    /** The single-character operators of the JSONata tokenizer: a name ends at one of them or at white space. */
    private static final String OPERATORS = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    static ExpressionText scan(String text) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> states = new LinkedHashSet<>();
        boolean root = false;
        String newOperator = null;
        String comparison = null;
        // whether a '/' here would start a regular expression rather than divide
        boolean regexAllowed = true;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = skipQuoted(text, i, c, true);
                regexAllowed = false;
                continue;
            }
            if (c == '`') {
                i = skipQuoted(text, i, '`', false);
                regexAllowed = false;
                continue;
            }
            if (c == '/' && regexAllowed) {
                i = skipRegex(text, i);
                regexAllowed = false;
                continue;
            }
            if (c == '$') {
                int end = nameEnd(text, i + 1);
                String name = text.substring(i + 1, end);
                if (name.startsWith("$")) {
                    root = true;
                } else if (!name.isEmpty()) {
                    names.add(name);
                    if (name.equals("states")) {
                        states.add(statesField(text, end));
                    }
                }
                i = end;
                regexAllowed = false;
                continue;
            }
            if (OPERATORS.indexOf(c) >= 0) {
                char next = i + 1 < n ? text.charAt(i + 1) : 0;
                if (c == '?' && (next == '?' || next == ':') && newOperator == null) {
                    newOperator = "?" + next;
                }
                if ((c == '<' || c == '>') && comparison == null && !(c == '>' && i > 0 && text.charAt(i - 1) == '~')) {
                    comparison = next == '=' ? c + "=" : String.valueOf(c);
                }
                regexAllowed = c != ')' && c != ']' && c != '}';
                i++;
                continue;
            }
            // a name, a number or a keyword
            int end = nameEnd(text, i);
            String word = text.substring(i, Math.max(end, i + 1));
            regexAllowed = word.equals("and") || word.equals("or") || word.equals("in");
            i = Math.max(end, i + 1);
        }
        return new ExpressionText(names, states, root, newOperator, comparison);
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || OPERATORS.indexOf(c) >= 0 || c == '"' || c == '\'' || c == '`') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The field read after {@code $states} at {@code from}: {@code .input} gives "input"; anything else "*". */
    private static String statesField(String text, int from) {
        int i = skipSpace(text, from);
        if (i >= text.length() || text.charAt(i) != '.') {
            return "*";
        }
        i = skipSpace(text, i + 1);
        if (i < text.length() && text.charAt(i) == '`') {
            int end = text.indexOf('`', i + 1);
            return end < 0 ? "*" : text.substring(i + 1, end);
        }
        int end = nameEnd(text, i);
        return end > i ? text.substring(i, end) : "*";
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipQuoted(String text, int start, char quote, boolean escapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** Skips {@code /pattern/flags}; a '/' inside brackets or after a backslash does not end the pattern. */
    private static int skipRegex(String text, int start) {
        int depth = 0;
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if ((c == ']' || c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (c == '/' && depth == 0) {
                i++;
                while (i < text.length() && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                return i;
            }
            i++;
        }
        return text.length();
    }
}
