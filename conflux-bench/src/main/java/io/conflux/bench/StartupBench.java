package io.conflux.bench;

import io.conflux.server.Folders;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Start-up as a user sees it: from running {@code ./conflux server} (the launcher, in the repository's root) to the
 * first answered API call, on a new data folder and on one that exists (a restart), with the launcher's start-up
 * cache and without it ({@code CONFLUX_AOT=0}). The launcher has built the jar and recorded the cache before the
 * first timed run.
 */
final class StartupBench {
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private final Figures out;
    private final int runs;
    private final Path launcher = Path.of("conflux").toAbsolutePath();

    StartupBench(Figures out, int runs) {
        this.out = out;
        this.runs = runs;
    }

    void run() throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("Expected the launcher at " + launcher + " (run from the repository's "
                    + "root, as conflux-bench/run.sh does), but there is none");
        }
        Path data = Files.createTempDirectory("conflux-startup");
        try {
            Figures.log("startup: the launcher's build and start-up cache, once");
            readyMillis(data.resolve("once"), true);
            for (boolean cache : new boolean[] {true, false}) {
                double[] fresh = new double[runs];
                double[] restart = new double[runs];
                for (int i = 0; i < runs; i++) {
                    Path folder = data.resolve((cache ? "cache-" : "plain-") + i);
                    fresh[i] = readyMillis(folder, cache);
                    restart[i] = readyMillis(folder, cache);
                }
                String variant = cache ? "" : "_without_cache";
                out.emit("startup", "server_ready_new_folder_ms" + variant, Figures.median(fresh), "ms");
                out.emit("startup", "server_ready_restart_ms" + variant, Figures.median(restart), "ms");
                Figures.log("startup %s the cache: new folder %.0f ms, restart %.0f ms (medians of %d)",
                        cache ? "with" : "without", Figures.median(fresh), Figures.median(restart), runs);
            }
        } finally {
            Folders.deleteQuietly(data);
        }
    }

    /** Milliseconds from starting the launcher to its first 200 answer; the server is stopped (SIGTERM) after. */
    private double readyMillis(Path folder, boolean cache) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "server", "--port", Integer.toString(port),
                "--data", folder.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (!cache) {
            pb.environment().put("CONFLUX_AOT", "0");
        }
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long start = System.nanoTime();
        Process p = pb.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (true) {
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("Expected the server to start, but it exited " + p.exitValue());
                }
                if (System.nanoTime() - start > READY_LIMIT.toNanos()) {
                    throw new IllegalStateException("Expected the server to answer within " + READY_LIMIT
                            + ", but it did not");
                }
                Thread.sleep(10);
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
