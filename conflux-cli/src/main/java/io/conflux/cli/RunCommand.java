package io.conflux.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.store.ExecutionRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conflux run FILE}: runs a workflow in this process. stdout carries only the result (the output, or the
 * history with {@code --history}); progress and errors go to stderr.
 */
@Command(name = "run", description = {"Runs a workflow in this process and prints its output as JSON.",
    "Exit codes: 0 succeeded, 1 failed, 2 invalid definition or input, 3 timed out, 4 aborted."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The definition (JSON or YAML).")
    Path file;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "The execution input: JSON text, or @file "
            + "to read it from a file (default: {}).")
    String input;

    @Option(names = "--name", description = "The execution name (default: a random UUID).")
    String name;

    @Option(names = "--history", description = "Print the full event history as JSON instead of the output.")
    boolean history;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--project", paramLabel = "FILE|DIR", description = "Run with a project's functions, cluster "
            + "resources, activities and state machines (conflux.yaml; its schedules and triggers are not started); "
            + "default: the conflux.yaml beside FILE, if there is one.")
    Path project;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path projectFile = ProjectRun.locate(file, project);
        if (projectFile != null && !Files.isRegularFile(projectFile)) {
            err.println("conflux run: no project file " + projectFile);
            return Main.INVALID;
        }
        PrintStream stderr = System.err;
        Progress progress = new Progress(stderr, !quiet && Terminal.stderrIsTerminal());
        ProjectRun projectRun = null;
        if (projectFile != null) {
            try {
                projectRun = ProjectRun.start(projectFile, quiet ? null : progress);
            } catch (io.conflux.server.project.ProjectException e) {
                e.problems().forEach(p -> err.println("conflux run: " + p));
                return Main.INVALID;
            }
            if (!quiet) {
                projectRun.applied().forEach(line -> err.println("conflux run: " + line));
            }
        }
        try (ProjectRun ignored = projectRun) {
            return run(err, stderr, progress, projectRun);
        }
    }

    private Integer run(PrintWriter err, PrintStream stderr, Progress progress, ProjectRun projectRun)
            throws Exception {
        ParseResult parsed;
        try {
            parsed = projectRun == null ? Definitions.read(file) : Definitions.parse(file,
                    projectRun.resolve(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err.println(Definitions.unreadable(file, e));
            return Main.INVALID;
        }
        Definitions.print(err, file, parsed);
        if (!parsed.isValid()) {
            err.println(file + ": invalid definition, not run");
            return Main.INVALID;
        }
        JsonNode in;
        try {
            in = readInput();
        } catch (IOException e) {
            err.println("conflux: " + e.getMessage());
            return Main.INVALID;
        }
        err.flush();

        String smName = stateMachineName(file);
        String execName = name != null ? name : UUID.randomUUID().toString();
        Engine.Builder builder = Engine.builder();
        if (!quiet) {
            builder.listener(progress);
        }
        ExecutionRecord end;
        // With a project the engine is the in-process server's (closed with it); without, one of our own.
        try (Engine own = projectRun == null ? builder.build() : null) {
            Engine engine = projectRun == null ? own : projectRun.engine();
            String arn = engine.start(parsed.machine(), ExecutionInfo.local(smName, execName), in);
            CompletableFuture<ExecutionRecord> done = engine.completion(arn);
            while (true) {
                try {
                    end = done.get(250, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    engine.live(arn).ifPresent(progress::tick);
                }
            }
            progress.finish();
            PrintStream out = System.out;
            if (history) {
                ArrayNode events = Json.array();
                for (HistoryEvent e : engine.history(arn)) {
                    events.add(HistoryJson.write(e, true, HistoryJson.Timestamps.ISO));
                }
                out.println(Json.pretty(events));
            } else if (end.output() != null) {
                out.println(Json.pretty(end.output()));
            }
            out.flush();
        }
        return switch (end.status()) {
            case SUCCEEDED -> Main.OK;
            case FAILED -> report(stderr, "FAILED", end, Main.FAILED);
            case TIMED_OUT -> report(stderr, "TIMED_OUT", end, Main.TIMED_OUT);
            case ABORTED -> report(stderr, "ABORTED", end, Main.ABORTED);
            case RUNNING, PENDING_REDRIVE -> throw new IllegalStateException("Run ended while " + end.status());
        };
    }

    private static int report(PrintStream err, String status, ExecutionRecord s, int code) {
        err.println(status + (s.error() == null ? "" : ": " + s.error())
                + (s.cause() == null ? "" : "\n  cause: " + s.cause()));
        err.flush();
        return code;
    }

    private JsonNode readInput() throws IOException {
        if (input == null) {
            return Json.object();
        }
        String text;
        String source;
        if (input.startsWith("@")) {
            Path p = Path.of(input.substring(1));
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot read the input file " + p + ": " + e.getMessage(), e);
            }
            source = "the input file " + p;
        } else {
            text = input;
            source = "--input";
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }

    /** The state machine is named after its file, as far as AWS's naming rules allow. */
    static String stateMachineName(Path file) {
        String n = file.getFileName().toString().replaceFirst("\\.(json|ya?ml|asl\\.json)$", "");
        n = n.replaceAll("[^A-Za-z0-9_-]", "-");
        return n.isEmpty() ? "workflow" : n.length() > 80 ? n.substring(0, 80) : n;
    }
}
