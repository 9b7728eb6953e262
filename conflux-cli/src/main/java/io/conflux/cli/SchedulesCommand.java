package io.conflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code conflux schedules [NAME]}: the schedules of a running server, or one of them in full. */
@Command(name = "schedules", description = "Lists the schedules of a running server (or describes one, as JSON).")
final class SchedulesCommand extends ListingCommand {

    @Override
    String kind() {
        return "schedules";
    }

    @Override
    List<String> headers() {
        return List.of("NAME", "STATE", "EXPRESSION", "TIMEZONE", "NEXT RUN", "LAST FIRE");
    }

    @Override
    List<String> row(JsonNode s) {
        JsonNode last = s.path("lastFire");
        return List.of(s.path("name").asText(), s.path("state").asText(), s.path("expression").asText(),
                s.path("timezone").asText(), s.path("nextRun").asText("-"),
                last.isMissingNode() ? "-" : last.path("status").asText() + " " + last.path("scheduledTime").asText());
    }
}
