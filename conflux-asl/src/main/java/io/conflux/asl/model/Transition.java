package io.conflux.asl.model;

/** Where a state goes when it completes: the state named {@code next}, or the end of its graph when null. */
public record Transition(String next) {
    public static final Transition END = new Transition(null);

    public boolean isEnd() {
        return next == null;
    }
}
