package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** GETs from a running server's REST API, for the commands that show what it holds. */
final class ServerRest {
    private ServerRest() {}

    /** The JSON answer, or null after telling {@code err} why there is none. */
    static JsonNode get(URI endpoint, String path, String command, PrintWriter err) throws InterruptedException {
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("conflux " + command + ": no server answers at " + endpoint + " (" + e.getMessage()
                    + "); start one with: conflux server");
            err.flush();
            return null;
        }
        JsonNode body;
        try {
            body = Json.parse(r.body());
        } catch (IOException e) {
            body = null;
        }
        if (r.statusCode() != 200 || body == null) {
            err.println("conflux " + command + ": the server answered " + r.statusCode() + ": "
                    + (body != null ? body.path("message").asText(r.body()) : r.body()));
            err.flush();
            return null;
        }
        return body;
    }

    /** Prints rows as columns padded to their widest cell. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
