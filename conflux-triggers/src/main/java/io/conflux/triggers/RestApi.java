package io.conflux.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of schedules and triggers, under {@code /conflux/v1}: {@code GET /schedules}, {@code POST
 * /schedules} (the definition with its {@code name}), {@code GET|PUT|DELETE /schedules/NAME}, {@code GET
 * /schedules/NAME/fires}; the same for {@code /triggers} with {@code /triggers/NAME/events}. Errors are
 * {@code {"__type": …, "message": …}}: ValidationException (400, with {@code problems}), ResourceNotFoundException (404),
 * ConflictException (409).
 */
final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    static final String SCHEDULES = "/conflux/v1/schedules";
    static final String TRIGGERS = "/conflux/v1/triggers";
    private static final int MAX_HISTORY = 1000;

    private final Schedules schedules;
    private final Triggers triggers;

    RestApi(Schedules schedules, Triggers triggers) {
        this.schedules = schedules;
        this.triggers = triggers;
    }

    void register(RoutesConfig r) {
        r.get(SCHEDULES, ctx -> handle(ctx, () -> {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("schedules");
            schedules.rows().forEach(s -> list.add(schedules.describe(s, false)));
            return ok(ctx, 200, out);
        }));
        r.post(SCHEDULES, ctx -> handle(ctx, () -> {
            ObjectNode body = body(ctx);
            String name = nameOf(body);
            schedules.put(name, body, true);
            return ok(ctx, 201, schedules.describe(schedules.row(name).orElseThrow(), true));
        }));
        r.get(SCHEDULES + "/{name}", ctx -> handle(ctx, () -> ok(ctx, 200,
                schedules.describe(schedules.row(ctx.pathParam("name")).orElseThrow(() -> notFound("schedule",
                        ctx.pathParam("name"))), true))));
        r.put(SCHEDULES + "/{name}", ctx -> handle(ctx, () -> {
            String name = ctx.pathParam("name");
            String result = schedules.put(name, body(ctx), false);
            ObjectNode out = Json.object().put("result", result);
            out.set("schedule", schedules.describe(schedules.row(name).orElseThrow(), true));
            return ok(ctx, result.equals("created") ? 201 : 200, out);
        }));
        r.delete(SCHEDULES + "/{name}", ctx -> handle(ctx, () -> {
            String name = ctx.pathParam("name");
            if (!schedules.delete(name)) {
                throw notFound("schedule", name);
            }
            return ok(ctx, 200, Json.object().put("deleted", name));
        }));
        r.get(SCHEDULES + "/{name}/fires", ctx -> handle(ctx, () -> {
            String name = ctx.pathParam("name");
            ObjectNode out = Json.object();
            out.set("fires", schedules.fires(name, limit(ctx)));
            return ok(ctx, 200, out);
        }));

        r.get(TRIGGERS, ctx -> handle(ctx, () -> {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("triggers");
            triggers.rows().forEach(t -> list.add(triggers.describe(t, false)));
            return ok(ctx, 200, out);
        }));
        r.post(TRIGGERS, ctx -> handle(ctx, () -> {
            ObjectNode body = body(ctx);
            String name = nameOf(body);
            triggers.put(name, body, true);
            return ok(ctx, 201, triggers.describe(triggers.row(name).orElseThrow(), true));
        }));
        r.get(TRIGGERS + "/{name}", ctx -> handle(ctx, () -> ok(ctx, 200,
                triggers.describe(triggers.row(ctx.pathParam("name")).orElseThrow(() -> notFound("trigger",
                        ctx.pathParam("name"))), true))));
        r.put(TRIGGERS + "/{name}", ctx -> handle(ctx, () -> {
            String name = ctx.pathParam("name");
            String result = triggers.put(name, body(ctx), false);
            ObjectNode out = Json.object().put("result", result);
            out.set("trigger", triggers.describe(triggers.row(name).orElseThrow(), true));
            return ok(ctx, result.equals("created") ? 201 : 200, out);
        }));
        r.delete(TRIGGERS + "/{name}", ctx -> handle(ctx, () -> {
            String name = ctx.pathParam("name");
            if (!triggers.delete(name)) {
                throw notFound("trigger", name);
            }
            return ok(ctx, 200, Json.object().put("deleted", name));
        }));
        r.get(TRIGGERS + "/{name}/events", ctx -> handle(ctx, () -> {
            ObjectNode out = Json.object();
            out.set("events", triggers.events(ctx.pathParam("name"), limit(ctx)));
            return ok(ctx, 200, out);
        }));
    }

    @FunctionalInterface
    interface Action {
        Object run() throws Exception;
    }

    /** Runs a route, mapping expected failures to their responses in one place. */
    static void handle(Context ctx, Action action) {
        try {
            action.run();
        } catch (DefinitionException e) {
            ObjectNode out = error("ValidationException", e.getMessage());
            ArrayNode problems = out.putArray("problems");
            e.problems().forEach(problems::add);
            ok(ctx, 400, out);
        } catch (BadRequest e) {
            ok(ctx, 400, error("ValidationException", e.getMessage()));
        } catch (NotFound e) {
            ok(ctx, 404, error("ResourceNotFoundException", e.getMessage()));
        } catch (Triggers.ConflictException e) {
            ok(ctx, 409, error("ConflictException", e.getMessage()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            ok(ctx, 500, error("InternalFailure", "The server failed to answer the request; its log has the "
                    + "details."));
        }
    }

    static Object ok(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
        return body;
    }

    static ObjectNode error(String type, String message) {
        return Json.object().put("__type", type).put("message", message);
    }

    private static ObjectNode body(Context ctx) {
        JsonNode n;
        try {
            String text = ctx.body();
            n = text.isBlank() ? null : Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest("Expected a JSON object as the request body, but: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadRequest("Expected a JSON object as the request body, but got " + (n == null ? "none"
                    : Json.typeName(n)));
        }
        return (ObjectNode) n;
    }

    private static String nameOf(ObjectNode body) {
        JsonNode name = body.remove("name");
        if (name == null || !name.isTextual()) {
            throw new BadRequest("Expected a 'name' in the request body");
        }
        return name.textValue();
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        if (l == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(l);
            if (n >= 1 && n <= MAX_HISTORY) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequest("Expected a limit from 1 to " + MAX_HISTORY + ", but got '" + l + "'");
    }

    static NotFound notFound(String what, String name) {
        return new NotFound("Expected a " + what + " named " + name + ", but there is none");
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
