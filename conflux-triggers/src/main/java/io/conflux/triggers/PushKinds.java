package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.triggers.spi.SourceContext;
import io.conflux.triggers.spi.TriggerKind;
import io.conflux.triggers.spi.TriggerSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Triggers whose events are pushed to the server, on {@code POST /triggers/NAME}: {@code http} (the request is the
 * event) and {@code s3} (S3 event notifications, as MinIO's webhook target and S3-compatible stores send them: each
 * record is an event). They need no running source; {@link TriggerRoute} takes their requests.
 */
final class PushKinds {
    private PushKinds() {}

    private static final TriggerSource NOTHING = () -> {};

    /**
     * {@code type: http}: {@code mode: ASYNC} (202 with the execution's ARN) or {@code SYNC} (Express workflows:
     * StartSyncExecution's answer); {@code bearerToken}; {@code headers}, the request headers the event carries.
     */
    static final class Http implements TriggerKind {
        @Override
        public String type() {
            return "http";
        }

        @Override
        public Set<String> fields() {
            return Set.of("mode", "bearerToken", "headers");
        }

        @Override
        public List<String> validate(JsonNode s) {
            Fields f = new Fields(s);
            f.oneOf("mode", "ASYNC", List.of("ASYNC", "SYNC"));
            f.text("bearerToken", null);
            f.strings("headers");
            return f.problems();
        }

        @Override
        public TriggerSource open(SourceContext context) {
            return NOTHING;
        }

        static boolean sync(JsonNode s) {
            return s.path("mode").asText("ASYNC").toUpperCase(Locale.ROOT).equals("SYNC");
        }

        static List<String> headers(JsonNode s) {
            List<String> out = new ArrayList<>();
            s.path("headers").forEach(h -> out.add(h.asText().toLowerCase(Locale.ROOT)));
            return out;
        }
    }

    /** {@code type: s3}: {@code bearerToken} (MinIO's {@code auth_token}). */
    static final class S3 implements TriggerKind {
        @Override
        public String type() {
            return "s3";
        }

        @Override
        public Set<String> fields() {
            return Set.of("bearerToken");
        }

        @Override
        public List<String> validate(JsonNode s) {
            Fields f = new Fields(s);
            f.text("bearerToken", null);
            return f.problems();
        }

        @Override
        public TriggerSource open(SourceContext context) {
            return NOTHING;
        }
    }
}
