package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.project.Project;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conflux deploy [DIR]}: sends a project folder to a running server, which applies its conflux.yaml. */
@Command(name = "deploy", description = "Deploys a project (a folder with conflux.yaml) to a running server.")
final class DeployCommand implements Callable<Integer> {
    /** Folders that are never part of a deployment. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".conflux", "node_modules", "__pycache__",
            ".venv", ".idea");

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "The project folder (default: the current one).")
    Path dir;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8083",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = Project.locate(dir);
        if (!Files.isRegularFile(file)) {
            err.println("conflux deploy: no " + Project.FILE_NAME + " in " + dir.toAbsolutePath().normalize());
            err.flush();
            return Main.INVALID;
        }
        byte[] zip = zip(file.toAbsolutePath().getParent());
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/conflux/v1/deploy"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("conflux deploy: no server answers at " + endpoint + " (" + e.getMessage()
                    + "); start one with: conflux server");
            err.flush();
            return Main.FAILED;
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (IOException e) {
            err.println("conflux deploy: the server answered " + response.statusCode() + ": " + response.body());
            err.flush();
            return Main.FAILED;
        }
        if (response.statusCode() != 200) {
            err.println("conflux deploy: " + file + " was not deployed:");
            JsonNode problems = body.path("problems");
            if (problems.isArray() && !problems.isEmpty()) {
                problems.forEach(p -> err.println("  " + p.asText()));
            } else {
                err.println("  " + body.path("message").asText(response.body()));
            }
            err.flush();
            return Main.INVALID;
        }
        body.path("applied").forEach(line -> out.println(line.asText()));
        out.flush();
        return Main.OK;
    }

    /** The project folder as a zip, without build output, caches and version control. */
    static byte[] zip(Path root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = root.relativize(p);
                if (rel.toString().isEmpty() || skipped(rel) || Files.isDirectory(p)) {
                    continue;
                }
                ZipEntry e = new ZipEntry(rel.toString().replace('\\', '/'));
                zip.putNextEntry(e);
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
