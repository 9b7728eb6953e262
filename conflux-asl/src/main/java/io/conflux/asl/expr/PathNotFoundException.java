package io.conflux.asl.expr;

/**
 * A JSONPath selected nothing. Each evaluation site words this differently (Parameters, InputPath, SecondsPath …),
 * so the path reports the fact and the site writes the message.
 */
public final class PathNotFoundException extends RuntimeException {
    private final String path;
    private final String detail;

    public PathNotFoundException(String path, String detail) {
        super("Invalid path '" + path + "' : " + detail, null, false, false);
        this.path = path;
        this.detail = detail;
    }

    /** The path as written. */
    public String path() {
        return path;
    }

    /** What JSONPath says, e.g. {@code No results for path: $['foo']}. */
    public String detail() {
        return detail;
    }
}
