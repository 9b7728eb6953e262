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

/** {@code conflux triggers [NAME]}: the triggers of a running server, or one of them in full. */
@Command(name = "triggers", description = "Lists the triggers of a running server (or describes one, as JSON).")
final class TriggersCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A trigger to describe in full.")
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
        String path = "/conflux/v1/triggers" + (name == null ? "" : "/" + name);
        JsonNode body = ServerRest.get(endpoint, path, "triggers", err);
        if (body == null) {
            return Main.FAILED;
        }
        if (name != null) {
            out.println(Json.pretty(body));
            out.flush();
            return Main.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : body.path("triggers")) {
            JsonNode last = t.path("lastEvent");
            String machine = t.path("stateMachineArn").asText();
            rows.add(List.of(t.path("name").asText(), t.path("type").asText(), t.path("state").asText(),
                    machine.substring(machine.lastIndexOf(':') + 1),
                    last.isMissingNode() ? "-" : last.path("status").asText() + " "
                            + last.path("receivedAt").asText()));
        }
        ServerRest.table(out, List.of("NAME", "TYPE", "STATE", "STATE MACHINE", "LAST EVENT"), rows);
        return Main.OK;
    }
}
