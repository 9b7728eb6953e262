package io.conflux.server;

import java.util.List;
import java.util.regex.Pattern;

/** AWS's rules for the names of state machines, executions and activities, and the enums its messages list. */
final class Names {
    /** Alias names: letters, digits, {@code _ - .}, not only digits (AWS's pattern, quoted in its message). */
    static final Pattern ALIAS = Pattern.compile("^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    static final List<String> STATE_MACHINE_TYPES = List.of("STANDARD", "EXPRESS");
    /** In the order AWS lists them in its validation message. */
    static final List<String> EXECUTION_STATUSES = List.of("SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED",
            "FAILED", "RUNNING");
    static final List<String> LOG_LEVELS = List.of("ALL", "ERROR", "FATAL", "OFF");
    static final List<String> INCLUDED_DATA = List.of("ALL_DATA", "METADATA_ONLY");
    static final List<String> SEVERITIES = List.of("ERROR", "WARNING");

    private Names() {}

    /**
     * Whether a name is valid for a state machine, execution or activity. A name must not contain white space,
     * brackets {@code < > { } [ ]}, wildcards {@code ? *}, the characters {@code " # % \ ^ | ~ ` $ & , ; : /} or
     * control characters (U+0000-001F, U+007F-009F).
     */
    static boolean isValid(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c <= 0x1F || (c >= 0x7F && c <= 0x9F)
                    || "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String requireValid(String name) {
        if (!isValid(name)) {
            throw Errors.invalidName(name);
        }
        return name;
    }
}
