package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conflux schedules [NAME]}: the schedules of a running server, or one of them in full. */
@Command(name = "schedules", description = "Lists the schedules of a running server (or describes one, as JSON).")
final class SchedulesCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A schedule to describe in full.")
    String name;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8083",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String path = "/conflux/v1/schedules" + (name == null ? "" : "/" + name);
        JsonNode body = ServerRest.get(endpoint, path, "schedules", err);
        if (body == null) {
            return Main.FAILED;
        }
        if (name != null) {
            out.println(Json.pretty(body));
            out.flush();
            return Main.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : body.path("schedules")) {
            JsonNode last = s.path("lastFire");
            rows.add(List.of(s.path("name").asText(), s.path("state").asText(), s.path("expression").asText(),
                    s.path("timezone").asText(), s.path("nextRun").asText("-"),
                    last.isMissingNode() ? "-" : last.path("status").asText() + " "
                            + last.path("scheduledTime").asText()));
        }
        ServerRest.table(out, List.of("NAME", "STATE", "EXPRESSION", "TIMEZONE", "NEXT RUN", "LAST FIRE"), rows);
        return Main.OK;
    }
}
