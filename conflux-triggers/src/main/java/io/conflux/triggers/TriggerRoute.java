package io.conflux.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.triggers.spi.Delivery;
import io.conflux.triggers.spi.SourceEvent;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /triggers/NAME}: a request to an {@code http} trigger starts one execution (202 and its ARN; for
 * {@code mode: SYNC}, 200 and StartSyncExecution's answer); a request to an {@code s3} trigger carries S3 event
 * notifications, one execution per record. An {@code Idempotency-Key} header makes repeated requests start one
 * execution. Answers: 401 without the bearer token, 404 for no such trigger, 409 when it is disabled, 400 for a
 * trigger of another type, 422 when the event is refused (malformed, no filter matched), 502 when the execution could
 * not start.
 */
final class TriggerRoute {
    static final String PATH = "/triggers/{name}";

    private final Triggers triggers;

    TriggerRoute(Triggers triggers) {
        this.triggers = triggers;
    }

    void handle(Context ctx) {
        RestApi.handle(ctx, () -> {
            String name = ctx.pathParam("name");
            Triggers.Running r = running(name);
            JsonNode settings = r.definition().source();
            if (!(r.kind() instanceof PushKinds.Http) && !(r.kind() instanceof PushKinds.S3)) {
                return RestApi.ok(ctx, 400, RestApi.error("NotAnHttpTrigger", "Trigger " + name + " is of type "
                        + r.definition().type() + "; only http and s3 triggers take requests"));
            }
            String token = settings.path("bearerToken").asText(null);
            if (token != null && !authorized(ctx.header("Authorization"), token)) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"conflux\"");
                return RestApi.ok(ctx, 401, RestApi.error("Unauthorized", "Expected the trigger's bearer token in "
                        + "the Authorization header"));
            }
            return r.kind() instanceof PushKinds.Http ? http(ctx, r, settings) : s3(ctx, r);
        });
    }

    private Triggers.Running running(String name) {
        Optional<Triggers.Running> r = triggers.running(name);
        if (r.isEmpty()) {
            // Created on another node a moment ago, perhaps: look again before answering.
            triggers.reconcile();
            r = triggers.running(name);
        }
        if (r.isPresent()) {
            return r.get();
        }
        TriggerStore.TriggerRow row = triggers.row(name).orElseThrow(() -> RestApi.notFound("trigger", name));
        if (!row.enabled()) {
            throw new Triggers.ConflictException("Trigger " + name + " is disabled");
        }
        throw new IllegalStateException("Trigger " + name + " is enabled but could not start on this node");
    }

    private Object http(Context ctx, Triggers.Running r, JsonNode settings) throws InterruptedException {
        String key = ctx.header("Idempotency-Key");
        String raw = ctx.body();
        JsonNode body;
        try {
            body = raw.isBlank() ? Json.object() : Json.parse(raw);
        } catch (JsonProcessingException e) {
            Delivery.Refused d = triggers.dispatcher().malformed(r.row(), key, raw, "the request body is not JSON: "
                    + e.getOriginalMessage());
            return refused(ctx, d);
        }
        List<String> selected = PushKinds.Http.headers(settings);
        ObjectNode event = Json.object();
        event.set("body", body);
        ObjectNode headers = event.putObject("headers");
        for (String h : selected) {
            String v = ctx.header(h);
            if (v != null) {
                headers.put(h, v);
            }
        }
        ObjectNode query = event.putObject("query");
        for (Map.Entry<String, List<String>> q : ctx.queryParamMap().entrySet()) {
            query.put(q.getKey(), q.getValue().isEmpty() ? "" : q.getValue().get(0));
        }
        JsonNode defaultInput = selected.isEmpty() ? body : Json.object().<ObjectNode>set("body", body)
                .set("headers", headers);
        boolean sync = PushKinds.Http.sync(settings);
        Dispatcher.Result result = triggers.dispatcher().deliver(r.row(), r.definition(),
                new SourceEvent(key, event, false), defaultInput, true, sync);
        return switch (result.delivery()) {
            case Delivery.Started s -> {
                if (result.syncOutput() != null) {
                    yield RestApi.ok(ctx, 200, result.syncOutput());
                }
                ObjectNode out = Json.object().put("executionArn", s.executionArn()).put("eventId", s.eventId());
                if (s.duplicate()) {
                    out.put("duplicate", true);
                }
                yield RestApi.ok(ctx, 202, out);
            }
            case Delivery.Refused f -> refused(ctx, f);
            case Delivery.Failed f -> RestApi.ok(ctx, 502, RestApi.error("StartExecutionFailed", f.reason())
                    .put("eventId", f.eventId()));
        };
    }

    private static Object refused(Context ctx, Delivery.Refused d) {
        return RestApi.ok(ctx, 422, RestApi.error("EventRefused", d.reason()).put("eventId", d.eventId()));
    }

    /**
     * S3 event notifications ({@code {"Records": [...]}}, MinIO adding {@code EventName} and {@code Key}): each record
     * is an event keyed by bucket, object key and sequencer, so a notification sent again starts nothing new. Answers
     * 503 when a start failed, so that the store sends the notification again.
     */
    private Object s3(Context ctx, Triggers.Running r) throws InterruptedException {
        String raw = ctx.body();
        JsonNode body;
        try {
            body = raw.isBlank() ? Json.object() : Json.parse(raw);
        } catch (JsonProcessingException e) {
            return refused(ctx, triggers.dispatcher().malformed(r.row(), null, raw, "the notification is not JSON: "
                    + e.getOriginalMessage()));
        }
        JsonNode records = body.path("Records");
        if (!body.isObject() || (!records.isMissingNode() && !records.isArray())) {
            return refused(ctx, triggers.dispatcher().malformed(r.row(), null, raw, "expected an S3 event "
                    + "notification, {\"Records\": [...]}"));
        }
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("results");
        boolean failed = false;
        for (JsonNode record : records) {
            JsonNode object = record.path("s3").path("object");
            String bucket = record.path("s3").path("bucket").path("name").asText(null);
            String objectKey = object.path("key").asText(null);
            Delivery d;
            if (!record.isObject() || bucket == null || objectKey == null) {
                d = triggers.dispatcher().malformed(r.row(), null, Json.write(record), "expected an S3 event record "
                        + "with s3.bucket.name and s3.object.key");
            } else {
                String version = object.path("sequencer").asText(object.path("eTag").asText("")
                        + record.path("eventTime").asText(""));
                String key = record.path("eventName").asText("") + " " + bucket + "/" + objectKey + "@" + version;
                d = triggers.dispatcher().deliver(r.row(), r.definition(), new SourceEvent(key, record, false), null,
                        true, false).delivery();
            }
            ObjectNode o = results.addObject().put("eventId", d.eventId());
            switch (d) {
                case Delivery.Started s -> o.put("executionArn", s.executionArn());
                case Delivery.Refused f -> o.put("refused", f.reason());
                case Delivery.Failed f -> {
                    o.put("failed", f.reason());
                    failed = true;
                }
            }
        }
        return RestApi.ok(ctx, failed ? 503 : 200, out);
    }

    /** {@code Bearer TOKEN}, or the bare token as some S3-compatible stores send it; compared in constant time. */
    static boolean authorized(String header, String token) {
        if (header == null) {
            return false;
        }
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header.strip();
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
