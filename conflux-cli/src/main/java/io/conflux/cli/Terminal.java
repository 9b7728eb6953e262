package io.conflux.cli;

/** Whether stderr is a terminal. Java cannot ask for stderr alone, so the launcher tells us (it can). */
final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
        String v = System.getenv("CONFLUX_STDERR_TTY");
        if (v != null) {
            return v.equals("1") || v.equalsIgnoreCase("true");
        }
        return System.console() != null;
    }
}
