package io.conflux.engine.interpreter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code location} of an EvaluationFailed event: the field whose JSONata expression failed, e.g.
 * {@code Output/result} or {@code Items}. AWS names it in the cause as well ("… specified for the field 'Output/result'
 * …", "The Timestamp field cannot be parsed …"), which is where it is read from until evaluation errors carry it.
 */
final class EvaluationLocation {
    private static final Pattern FOR_FIELD = Pattern.compile("specified for the field '([^']+)'");
    private static final Pattern THE_FIELD = Pattern.compile("^The (\\w+) field ");

    private EvaluationLocation() {}

    /** The field named by {@code cause}, or null when it names none (e.g. "Map state input must be an array"). */
    static String of(String cause) {
        if (cause == null) {
            return null;
        }
        Matcher m = FOR_FIELD.matcher(cause);
        if (m.find()) {
            return m.group(1);
        }
        m = THE_FIELD.matcher(cause);
        return m.find() ? m.group(1) : null;
    }
}
