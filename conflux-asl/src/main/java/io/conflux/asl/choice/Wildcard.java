package io.conflux.asl.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled StringMatches pattern: {@code *} matches any run of characters (including none), {@code \*} is a
 * literal star and {@code \\} a literal backslash. Nothing else is special.
 *
 * <p>The pattern is kept as the literal pieces between stars, so matching is a prefix test, a suffix test and a
 * left-to-right search for the pieces in between; taking the leftmost occurrence of each middle piece is always
 * right because a star can absorb whatever lies between.
 *
 * @param pieces the literal text between stars; one more than the number of stars
 */
record Wildcard(List<String> pieces) {

    /** Why a pattern does not compile. */
    static final class InvalidPatternException extends Exception {
        InvalidPatternException(String message) {
            super(message, null, false, false);
        }
    }

    Wildcard {
        pieces = List.copyOf(pieces);
    }

    static Wildcard compile(String pattern) throws InvalidPatternException {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else if (c == '\\') {
                char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    // The spec calls this an "open escape": a backslash must itself be escaped to be literal.
                    throw new InvalidPatternException("The value of 'StringMatches' has an open escape at index " + i
                            + ": a backslash must be followed by '*' or '\\' (write a literal backslash as '\\\\')");
                }
                piece.append(next);
                i++;
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return new Wildcard(pieces);
    }

    boolean matches(String text) {
        int last = pieces.size() - 1;
        if (last == 0) {
            return text.equals(pieces.get(0));
        }
        String first = pieces.get(0);
        String tail = pieces.get(last);
        int end = text.length() - tail.length(); // where the mandatory suffix starts
        if (end < first.length() || !text.startsWith(first) || !text.startsWith(tail, end)) {
            return false;
        }
        int from = first.length();
        for (int k = 1; k < last; k++) {
            String middle = pieces.get(k);
            int at = text.indexOf(middle, from);
            if (at < 0 || at + middle.length() > end) {
                return false;
            }
            from = at + middle.length();
        }
        return true;
    }
}
