package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.engine.history.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The engine's comparison of histories with AWS's recordings, for the functions module's corpus test. */
public final class RecordedHistories {
    private static final Map<String, JsonNode> BY_ID = Conformance.load("histories.jsonl").stream()
            .collect(Collectors.toMap(h -> h.get("id").asText(), h -> h, (a, b) -> a));

    private RecordedHistories() {}

    /** The recorded history of a corpus case, when there is one. */
    public static Optional<JsonNode> of(String caseId) {
        return Optional.ofNullable(BY_ID.get(caseId));
    }

    /** Stand-ins the recorder wrote (in Lambda's HTTP metadata, for whole outputs) without marking them as such. */
    private static final java.util.Set<String> METADATA_STAND_INS = java.util.Set.of("x-amzn-RequestId",
            "stateExitedEventDetails.output", "executionSucceededEventDetails.output",
            "X-Amzn-Trace-Id", "RequestId");

    /** What differs between a recorded history and ours (empty when they match). */
    public static List<String> differences(JsonNode recorded, List<HistoryEvent> ours) {
        return HistoryComparison.compare(standIns(recorded.path("events")), ours).differences();
    }

    private static JsonNode standIns(JsonNode n) {
        if (n.isTextual() && METADATA_STAND_INS.contains(n.asText())) {
            return io.conflux.asl.expr.Json.NODES.textNode("<" + n.asText() + ">");
        }
        if (n.isTextual() && n.asText().contains("\"SdkHttpMetadata\"")) {
            try {
                // Outputs the recorder kept as JSON text: the same stand-ins inside.
                return io.conflux.asl.expr.Json.NODES.textNode(io.conflux.asl.expr.Json.write(
                        standIns(io.conflux.asl.expr.Json.parse(n.asText()))));
            } catch (Exception e) {
                return n;
            }
        }
        if (n.isObject()) {
            var o = io.conflux.asl.expr.Json.object();
            n.properties().forEach(e -> o.set(e.getKey(), standIns(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            var a = io.conflux.asl.expr.Json.array();
            n.forEach(x -> a.add(standIns(x)));
            return a;
        }
        return n;
    }
}
