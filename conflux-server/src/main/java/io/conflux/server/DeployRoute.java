package io.conflux.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.project.Project;
import io.conflux.server.project.ProjectException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code POST /conflux/v1/deploy}: a project folder as a zip (what {@code conflux deploy} sends); the server unpacks
 * it, reads its {@code conflux.yaml} and applies every section. Answers {@code {"applied": [...]}}, or HTTP 400
 * {@code {"__type": "InvalidProject", "message": …, "problems": [...]}} naming every problem.
 */
final class DeployRoute {
    static final String PATH = "/conflux/v1/deploy";
    /** A project larger than this is refused: code belongs in it, data does not. */
    static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

    private final ConfluxServer server;

    DeployRoute(ConfluxServer server) {
        this.server = server;
    }

    void handle(Context ctx) throws InterruptedException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("conflux-deploy");
            unzip(ctx.bodyInputStream(), dir);
            Project project = Project.read(Project.locate(dir), server.projectSections());
            List<String> applied = server.deploy(project);
            ObjectNode out = Json.object();
            ArrayNode lines = out.putArray("applied");
            applied.forEach(lines::add);
            ctx.status(200).contentType("application/json").result(Json.write(out));
        } catch (ProjectException e) {
            ObjectNode out = Json.object();
            out.put("__type", "InvalidProject");
            out.put("message", e.getMessage());
            ArrayNode problems = out.putArray("problems");
            e.problems().forEach(problems::add);
            ctx.status(400).contentType("application/json").result(Json.write(out));
        } catch (IOException e) {
            ObjectNode out = Json.object();
            out.put("__type", "InvalidProject");
            out.put("message", "Expected a zip of the project folder, but: " + e.getMessage());
            ctx.status(400).contentType("application/json").result(Json.write(out));
        } finally {
            Folders.deleteQuietly(dir);
        }
    }

    /** Unpacks into {@code dir}, refusing entries that would land outside it and archives that unpack too large. */
    static void unzip(InputStream in, Path dir) throws IOException {
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("the entry " + e.getName() + " points outside the project");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                total += Files.copy(zip, target);
                if (total > MAX_UNPACKED_BYTES) {
                    throw new IOException("the project unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
                }
            }
        }
    }
}
