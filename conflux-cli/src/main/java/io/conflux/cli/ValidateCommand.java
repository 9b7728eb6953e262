package io.conflux.cli;

import io.conflux.asl.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code conflux validate FILE...}: every problem of every file, as AWS would report it. */
@Command(name = "validate", description = "Checks definitions and prints every problem found; exit 1 when any.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Definition files (JSON or YAML).")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean anyError = false;
        for (Path file : files) {
            ParseResult r;
            try {
                r = Definitions.read(file);
            } catch (IOException e) {
                err.println(Definitions.unreadable(file, e));
                anyError = true;
                continue;
            }
            Definitions.print(err, file, r);
            if (r.isValid()) {
                out.println(file + ": OK");
            } else {
                anyError = true;
            }
        }
        err.flush();
        out.flush();
        return anyError ? 1 : 0;
    }
}
