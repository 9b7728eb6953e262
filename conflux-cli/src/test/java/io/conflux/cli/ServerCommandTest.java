package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code conflux server}: one line when ready, the API behind it, a clean stop. */
class ServerCommandTest {

    private static HttpResponse<String> listStateMachines(String endpoint) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try (HttpClient c = HttpClient.newHttpClient()) {
            return c.send(r, HttpResponse.BodyHandlers.ofString());
        }
    }

    @org.junit.jupiter.api.io.TempDir
    Path data;

    @Test
    void the_server_prints_one_line_with_its_address_and_serves_the_api() {
        AtomicReference<Integer> status = new AtomicReference<>();
        AtomicReference<String> endpoint = new AtomicReference<>();
        ServerCommand command = new ServerCommand();
        command.whenServing = server -> {
            endpoint.set(server.endpoint());
            try {
                status.set(listStateMachines(server.endpoint()).statusCode());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        java.io.StringWriter out = new java.io.StringWriter();
        int exit = new picocli.CommandLine(command).setOut(new java.io.PrintWriter(out))
                .execute("--port", "0", "--data", data.toString());
        assertThat(exit).isZero();
        assertThat(status.get()).isEqualTo(200);
        assertThat(out.toString()).isEqualTo("conflux server on " + endpoint.get()
                + " (region us-east-1, executions in " + data.toAbsolutePath().normalize()
                + "): aws stepfunctions --endpoint-url " + endpoint.get() + " list-state-machines"
                + System.lineSeparator());
    }

    @Test
    void bad_options_are_refused_before_anything_listens() {
        assertThat(Main.execute("server", "--region", "moon")).isEqualTo(Main.INVALID);
    }

    @Test
    void a_server_process_says_when_it_is_ready_and_stops_cleanly_on_a_signal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "server", "--port", "0", "--data", data.toString()).redirectErrorStream(true).start();
        try {
            long started = System.nanoTime();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = lines.readLine();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(ready).startsWith("conflux server on http://127.0.0.1:");
            // A sanity bound only: the startup time is measured by the benchmark (conflux-bench, "startup").
            assertThat(took).as("time to the ready line").isLessThan(Duration.ofSeconds(30));
            StringBuilder rest = new StringBuilder();
            Thread drain = Thread.ofVirtual().start(() -> lines.lines().forEach(l -> rest.append(l).append('\n')));
            String endpoint = ready.substring("conflux server on ".length(), ready.indexOf(' ', 18));
            assertThat(listStateMachines(endpoint).statusCode()).isEqualTo(200);

            // Ctrl-C: SIGINT runs the shutdown hook, which closes the server in order.
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the process ends").isTrue();
            drain.join(5_000);
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(rest.toString()).doesNotContain("Exception", "ERROR", "WARN");
        } finally {
            p.destroyForcibly();
        }
    }
}
