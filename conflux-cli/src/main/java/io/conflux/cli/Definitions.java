package io.conflux.cli;

import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads definition files for the CLI and prints their diagnostics. */
final class Definitions {
    private Definitions() {}

    /** Reads and parses; YAML for .yaml/.yml files, JSON for .json, by content otherwise. */
    static ParseResult read(Path file) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses a definition's text as its file's name says (after references were resolved, say). */
    static ParseResult parse(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Asl.Format format = name.endsWith(".yaml") || name.endsWith(".yml") ? Asl.Format.YAML
                : name.endsWith(".json") ? Asl.Format.JSON : Asl.Format.AUTO;
        return Asl.parse(text, Asl.Options.DEFAULT.withFormat(format));
    }

    /** A message for a file that cannot be read. */
    static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        return file + ": cannot read: " + e.getMessage();
    }

    static void print(PrintWriter err, Path file, ParseResult r) {
        for (Diagnostic d : r.diagnostics()) {
            err.println(file + ": " + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.code()
                    + (d.location() == null ? "" : " at " + d.location())
                    + (d.stateName() == null ? "" : " (state '" + d.stateName() + "')") + ": " + d.message()
                    + (d.detail() == null ? "" : "\n    " + d.detail()));
        }
    }
}
