package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conflux KIND [NAME]}: the resources of one kind on a running server's REST API ({@code /conflux/v1/KIND}) as
 * a table, or one of them in full as JSON.
 */
abstract class ListingCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One to describe in full.")
    String name;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8083",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The kind, as in the API's path and the listing's field: {@code schedules}, {@code triggers}. */
    abstract String kind();

    abstract List<String> headers();

    /** The table row of one listed resource. */
    abstract List<String> row(JsonNode resource);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String path = "/conflux/v1/" + kind() + (name == null ? "" : "/" + name);
        JsonNode body = ServerRest.get(endpoint, path, kind(), err);
        if (body == null) {
            return Main.FAILED;
        }
        if (name != null) {
            out.println(Json.pretty(body));
            out.flush();
            return Main.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode resource : body.path(kind())) {
            rows.add(row(resource));
        }
        ServerRest.table(out, headers(), rows);
        return Main.OK;
    }
}
