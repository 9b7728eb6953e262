package io.conflux.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code conflux} command. */
@Command(
        name = "conflux",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs Amazon States Language workflows: on this machine, or as a server.",
        subcommands = {RunCommand.class, ValidateCommand.class, ServerCommand.class, DeployCommand.class, LogsCommand.class,
            SchedulesCommand.class, TriggersCommand.class, WarmUpCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit codes, one per way a run can end. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int TIMED_OUT = 3;
    public static final int ABORTED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // "--input @file.json" is ours; picocli would otherwise read @file as more arguments.
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Bugs still get one readable line; the stack trace only with CONFLUX_DEBUG set.
            cmd.getErr().println("conflux: internal error: " + e);
            if (System.getenv("CONFLUX_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 70;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/conflux-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"conflux " + p.getProperty("version", "unknown") + " (Java "
                    + Runtime.version() + ")"};
        }
    }
}
