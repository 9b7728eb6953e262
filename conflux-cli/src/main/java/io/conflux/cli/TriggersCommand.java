package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code conflux triggers [NAME]}: the triggers of a running server, or one of them in full. */
@Command(name = "triggers", description = "Lists the triggers of a running server (or describes one, as JSON).")
final class TriggersCommand extends ListingCommand {

    @Override
    String kind() {
        return "triggers";
    }

    @Override
    List<String> headers() {
        return List.of("NAME", "TYPE", "STATE", "STATE MACHINE", "LAST EVENT");
    }

    @Override
    List<String> row(JsonNode t) {
        JsonNode last = t.path("lastEvent");
        String machine = t.path("stateMachineArn").asText();
        return List.of(t.path("name").asText(), t.path("type").asText(), t.path("state").asText(),
                machine.substring(machine.lastIndexOf(':') + 1),
                last.isMissingNode() ? "-" : last.path("status").asText() + " " + last.path("receivedAt").asText());
    }
}
