package io.conflux.asl.parse;

/**
 * The names Assign may give variables. AWS's guide: a name follows the Unicode identifier rules (a letter, then
 * letters, digits and connectors such as '_') and has at most 80 characters; {@code states} is reserved for
 * {@code $states}. Unlike the guide we let a name start with '_', as JavaScript does, so as never to refuse what
 * AWS might take. No recording shows AWS's wording for a refused name: the messages are ours.
 */
final class VariableNames {
    static final int MAX_LENGTH = 80;
    static final String RESERVED = "states";

    private VariableNames() {}

    /** Why {@code name} cannot name a variable, or null when it can. */
    static String problem(String name) {
        if (name.equals(RESERVED)) {
            return "The variable name 'states' is reserved for $states";
        }
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH || !identifier(name)) {
            return "The variable name '" + name + "' is not valid: a variable name starts with a letter or '_', "
                    + "goes on with letters, digits or '_', and has at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    private static boolean identifier(String name) {
        int first = name.codePointAt(0);
        if (!Character.isUnicodeIdentifierStart(first) && first != '_') {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
