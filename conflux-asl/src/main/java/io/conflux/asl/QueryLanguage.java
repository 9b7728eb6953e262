package io.conflux.asl;

/** The two query languages of ASL. A state machine picks a default; a state may override it (with limits). */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    /** The spelling used in definitions: {@code "JSONPath"} or {@code "JSONata"}. */
    public String aslName() {
        return aslName;
    }

    /** Returns the language spelled {@code name} exactly as in ASL, or null. */
    public static QueryLanguage fromAslName(String name) {
        for (QueryLanguage q : values()) {
            if (q.aslName.equals(name)) {
                return q;
            }
        }
        return null;
    }
}
