package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conflux logs [FUNCTION]}: function logs from a running server (every invocation's output with its START,
 * END and REPORT lines), for one function, one execution or one state; {@code --follow} keeps printing new lines.
 */
@Command(name = "logs", description = {"Prints function logs from a running server: START, the function's output, "
        + "END and REPORT for every invocation.", "Filter by function, execution or state; --follow waits for more."})
final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION", description = "Only this function's logs.")
    String function;

    @Option(names = "--execution", paramLabel = "ARN", description = "Only invocations made by this execution.")
    String execution;

    @Option(names = "--state", paramLabel = "NAME", description = "Only invocations made by this Task state.")
    String state;

    @Option(names = "--request-id", paramLabel = "ID", description = "Only this invocation.")
    String requestId;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8083",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Tests stop following after this many polls; 0 follows until interrupted. */
    static int maxPolls;
    /** How long one poll waits for new lines when following. */
    static long followWaitMillis = 10_000;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient http = HttpClient.newHttpClient();
        long after = 0;
        int polls = 0;
        boolean many = function == null;
        do {
            StringBuilder q = new StringBuilder("/conflux/v1/logs?after=").append(after);
            param(q, "function", function);
            param(q, "execution", execution);
            param(q, "state", state);
            param(q, "requestId", requestId);
            if (follow && polls > 0) {
                q.append("&wait=").append(followWaitMillis);
            }
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(endpoint.resolve(q.toString())).timeout(Duration.ofSeconds(30))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("conflux logs: cannot reach " + endpoint + ": " + e.getMessage());
                err.flush();
                return Main.FAILED;
            }
            if (r.statusCode() != 200) {
                err.println("conflux logs: the server answered " + r.statusCode() + ": " + r.body());
                err.flush();
                return Main.FAILED;
            }
            JsonNode body = Json.parse(r.body());
            for (JsonNode l : body.path("lines")) {
                out.println((many ? "[" + l.path("function").asText() + "] " : "") + l.path("timestamp").asText()
                        + "\t" + l.path("message").asText());
            }
            out.flush();
            after = body.path("last").asLong(after);
            polls++;
        } while (follow && (maxPolls == 0 || polls < maxPolls));
        return Main.OK;
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
