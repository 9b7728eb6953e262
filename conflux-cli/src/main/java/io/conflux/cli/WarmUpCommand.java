package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code conflux warm-up}: a short workload through the interpreter and a server on a throw-away embedded database,
 * then exit. The launcher runs it once per build under the JDK's AOT cache recorder, so that later starts find the
 * classes it loaded already parsed and linked: {@code conflux server} is then ready in about half the time.
 */
@Command(name = "warm-up", hidden = true,
        description = "Runs a short workload and exits (the launcher records a start-up cache with it).")
final class WarmUpCommand implements Callable<Integer> {
    private static final Duration EXECUTION_LIMIT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("conflux-warm-up");
        try {
            String definition = definition();
            Path file = dir.resolve("warm-up.asl.json");
            Files.writeString(file, definition);
            // Its output (a line of JSON) goes to stdout, which the launcher keeps in its log.
            int ran = new CommandLine(new RunCommand()).setErr(err).execute(file.toString(), "--quiet");
            if (ran != Main.OK) {
                err.println("conflux warm-up: expected the workflow to succeed in process, but it exited " + ran);
                return Main.FAILED;
            }
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            ServerCommand server = new ServerCommand();
            server.whenServing = s -> {
                try {
                    exercise(URI.create(s.endpoint()), definition);
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            };
            int served = new CommandLine(server).setOut(nowhere()).setErr(err)
                    .execute("--port", "0", "--data", dir.resolve("data").toString());
            if (failure.get() != null) {
                err.println("conflux warm-up: " + failure.get().getMessage());
                return Main.FAILED;
            }
            return served;
        } finally {
            Folders.deleteQuietly(dir);
        }
    }

    /** What a first user does: a state machine and an execution, and one look at each other API. */
    private static void exercise(URI endpoint, String definition) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            Api api = new Api(http, endpoint);
            ObjectNode create = Json.object().put("name", "warm-up").put("definition", definition)
                    .put("roleArn", "arn:aws:iam::123456789012:role/warm-up");
            String machine = api.sfn("CreateStateMachine", create).path("stateMachineArn").asText();
            api.sfn("ValidateStateMachineDefinition", Json.object().put("definition", definition));
            String execution = api.sfn("StartExecution", Json.object().put("stateMachineArn", machine)
                    .put("input", "{}")).path("executionArn").asText();
            long deadline = System.nanoTime() + EXECUTION_LIMIT.toNanos();
            String status;
            do {
                status = api.sfn("DescribeExecution", Json.object().put("executionArn", execution))
                        .path("status").asText();
                if ("RUNNING".equals(status)) {
                    sleep();
                }
            } while ("RUNNING".equals(status) && System.nanoTime() < deadline);
            if (!"SUCCEEDED".equals(status)) {
                throw new IllegalStateException("Expected the execution to succeed, but it is " + status);
            }
            api.sfn("GetExecutionHistory", Json.object().put("executionArn", execution));
            api.sfn("ListExecutions", Json.object().put("stateMachineArn", machine));
            api.sfn("ListActivities", Json.object());
            api.call("GET", "/2015-03-31/functions", null);
            api.call("POST", "/v1/describejobqueues", Json.object());
            api.call("GET", "/conflux/v1/schedules", null);
            api.call("GET", "/conflux/v1/triggers", null);
        }
    }

    /** Requests to the server; anything but 200 is a failure of the warm-up. */
    private record Api(HttpClient http, URI endpoint) {
        JsonNode sfn(String operation, ObjectNode body) {
            return send(HttpRequest.newBuilder(endpoint.resolve("/"))
                    .header("X-Amz-Target", "AWSStepFunctions." + operation)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), operation);
        }

        JsonNode call(String method, String path, ObjectNode body) {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body));
            return send(HttpRequest.newBuilder(endpoint.resolve(path)).header("Content-Type", "application/json")
                    .method(method, publisher), method + " " + path);
        }

        private JsonNode send(HttpRequest.Builder request, String what) {
            HttpResponse<String> r;
            try {
                r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during " + what, e);
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Expected 200 from " + what + ", but got " + r.statusCode() + ": "
                        + r.body());
            }
            try {
                return Json.parse(r.body());
            } catch (IOException e) {
                throw new IllegalStateException("Expected JSON from " + what + ", but got: " + r.body(), e);
            }
        }
    }

    private static String definition() throws IOException {
        try (InputStream in = WarmUpCommand.class.getResourceAsStream("warm-up.asl.json")) {
            if (in == null) {
                throw new IOException("warm-up.asl.json is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PrintWriter nowhere() {
        return new PrintWriter(Writer.nullWriter());
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the execution", e);
        }
    }
}
