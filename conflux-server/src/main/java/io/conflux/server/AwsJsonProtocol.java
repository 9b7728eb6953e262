package io.conflux.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's JSON 1.0 protocol on {@code POST /}: the operation comes in the {@code X-Amz-Target} header
 * ({@code AWSStepFunctions.StartExecution}), its input as a JSON object in the body; the output goes back as a JSON
 * object, an error as {@code {"__type": …, "message": …}} with HTTP 400. Every failure is mapped here, in one place:
 * expected ones ({@link ApiException}) keep their type and message; anything else is a bug, logged with its stack
 * trace and answered with a 500 that carries neither the trace nor internal names.
 */
final class AwsJsonProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonProtocol.class);
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** Operations of AWS's API that this server does not offer (yet): said so, rather than "unknown". */
    private static final Set<String> NOT_OFFERED = Set.of("DescribeMapRun", "ListMapRuns", "UpdateMapRun");

    private final Map<String, Operation> operations;
    /** Other AWS JSON-protocol services of extensions, by X-Amz-Target prefix. */
    private final Map<String, ServerExtension.JsonService> services;
    private final int maxRequestBytes;
    private final AtomicInteger inFlight = new AtomicInteger();

    AwsJsonProtocol(Map<String, Operation> operations, Map<String, ServerExtension.JsonService> services,
            int maxRequestBytes) {
        this.operations = Map.copyOf(operations);
        this.services = Map.copyOf(services);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Requests being answered now (the server drains them before it closes the engine). */
    int inFlight() {
        return inFlight.get();
    }

    void handle(Context ctx) throws InterruptedException {
        inFlight.incrementAndGet();
        try {
            ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
            String target = ctx.header("X-Amz-Target");
            if (target != null && !target.startsWith(TARGET_PREFIX)) {
                for (Map.Entry<String, ServerExtension.JsonService> s : services.entrySet()) {
                    if (target.startsWith(s.getKey())) {
                        serve(ctx, s.getValue(), target.substring(s.getKey().length()));
                        return;
                    }
                }
            }
            boolean ours = target != null && target.startsWith(TARGET_PREFIX);
            Operation op = ours ? operations.get(target.substring(TARGET_PREFIX.length())) : null;
            if (op == null && ours && NOT_OFFERED.contains(target.substring(TARGET_PREFIX.length()))) {
                throw Errors.unknownOperation("Conflux does not offer " + target + " yet");
            }
            if (op == null) {
                throw Errors.unknownOperation(target == null
                        ? "Expected an X-Amz-Target header naming the operation, e.g. AWSStepFunctions.StartExecution"
                        : "Expected an operation of AWSStepFunctions in X-Amz-Target, but got '" + target + "'");
            }
            ObjectNode out = op.handle(new Request(readBody(ctx)));
            respond(ctx, 200, out);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** An extension's service: its own content type (JSON 1.0 or 1.1, as the client sent) and its own errors. */
    private void serve(Context ctx, ServerExtension.JsonService service, String operation) {
        String contentType = ctx.contentType() == null ? CONTENT_TYPE : ctx.contentType();
        ObjectNode out;
        try {
            out = service.handle(operation, readBody(ctx));
        } catch (ServerExtension.JsonService.Failure f) {
            ObjectNode body = Json.object();
            body.put("__type", f.type());
            body.put("message", f.getMessage());
            ctx.header("x-amzn-ErrorType", f.type());
            ctx.status(400).contentType(contentType).result(Json.write(body));
            return;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            failed(e, ctx);
            return;
        }
        ctx.status(200).contentType(contentType).result(Json.write(out));
    }

    private ObjectNode readBody(Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException e) {
            throw Errors.serialization("Expected a request body, but reading it failed: " + e.getMessage());
        }
        if (bytes.length > maxRequestBytes) {
            throw Errors.validation("Expected a request body of at most " + maxRequestBytes + " bytes, but got more");
        }
        if (bytes.length == 0) {
            return Json.object();
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw Errors.serialization(e.getOriginalMessage());
        } catch (IOException e) {
            throw Errors.serialization("Expected a JSON request body: " + e.getMessage());
        }
        if (body == null || body.isMissingNode()) {
            return Json.object();
        }
        if (!body.isObject()) {
            throw Errors.serialization("Expected a JSON object as the request body, but got " + Json.typeName(body));
        }
        return (ObjectNode) body;
    }

    /** The one place failures become responses. */
    void failed(Exception e, Context ctx) {
        if (e instanceof ApiException api) {
            ObjectNode body = Json.object();
            body.put("__type", api.wireType());
            body.put("message", api.getMessage());
            api.members().forEach(body::put);
            ctx.header("x-amzn-ErrorType", api.type());
            respond(ctx, 400, body);
            return;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        LOG.error("Unexpected failure answering {} {}", ctx.header("X-Amz-Target"), ctx.path(), e);
        ObjectNode body = Json.object();
        body.put("__type", "com.amazon.coral.service#InternalFailure");
        body.put("message", "The server failed to answer the request; its log has the details.");
        ctx.header("x-amzn-ErrorType", "InternalFailure");
        respond(ctx, 500, body);
    }

    /** Requests to anything but {@code POST /}. */
    void notFound(Context ctx) {
        failed(Errors.unknownOperation("Expected POST / with an X-Amz-Target header (the AWS JSON 1.0 protocol), "
                + "but got " + ctx.method() + " " + ctx.path()), ctx);
    }

    private static void respond(Context ctx, int status, ObjectNode body) {
        ctx.status(status);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(Json.write(body));
    }
}
