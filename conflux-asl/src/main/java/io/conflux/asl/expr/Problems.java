package io.conflux.asl.expr;

/** Where compilers report what is wrong with a definition, each problem with its JSON pointer. */
@FunctionalInterface
public interface Problems {

    /**
     * @param pointer JSON pointer of the offending value, e.g. {@code /States/A/Parameters/x.$}
     * @param code AWS diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}
     * @param message what is wrong, without the location
     */
    void report(String pointer, String code, String message);

    /** As {@link #report(String, String, String)}, with more detail for people than AWS's message gives. */
    default void report(String pointer, String code, String message, String detail) {
        report(pointer, code, message);
    }

    /** Appends one reference token to a JSON pointer, escaping '~' and '/' as RFC 6901 requires. */
    static String child(String pointer, String token) {
        String escaped = token.replace("~", "~0").replace("/", "~1");
        return (pointer.equals("/") ? "" : pointer) + "/" + escaped;
    }

    static String child(String pointer, int index) {
        return (pointer.equals("/") ? "" : pointer) + "/" + index;
    }
}
