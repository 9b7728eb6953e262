package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Task states that call functions, as Step Functions calls Lambda:
 * <ul>
 *   <li>{@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}: the effective input is the event and the
 *       function's return value is the result (history: LambdaFunction* events);</li>
 *   <li>{@code arn:aws:states:::lambda:invoke}: Parameters {@code FunctionName}, {@code Payload} (and
 *       {@code InvocationType}, {@code LogType}, {@code ClientContext}, {@code Qualifier}); the result wraps the
 *       payload as the AWS SDK for Java's InvokeResult ({@code Payload}, {@code StatusCode}, {@code ExecutedVersion},
 *       {@code SdkHttpMetadata}, {@code SdkResponseMetadata});</li>
 *   <li>{@code arn:aws:states:::lambda:invoke.waitForTaskToken}: invoked the same way; the result is whatever is
 *       sent back with the task token.</li>
 * </ul>
 * A function ARN means a function of this server by its name, whatever account and region it carries. A function
 * error fails the task with the function's {@code errorType} (Lambda.Unknown when it has none), and Lambda's own
 * failures with {@code Lambda.<Exception>} (Lambda.ResourceNotFoundException, Lambda.TooManyRequestsException …),
 * so Retry and Catch blocks written for AWS work unchanged.
 */
final class LambdaTaskNode implements ProcessingNode {
    static final String INVOKE = "arn:aws:states:::lambda:invoke";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final FunctionService functions;
    private final Clock clock;

    LambdaTaskNode(FunctionService functions, Clock clock) {
        this.functions = functions;
        this.clock = clock;
    }

    static boolean isFunctionArn(String resource) {
        String[] p = resource.split(":", 8);
        return p.length >= 7 && p[0].equals("arn") && p[2].equals("lambda") && p[5].equals("function");
    }

    @Override
    public boolean handles(String resource) {
        return isFunctionArn(resource) || resource.equals(INVOKE) || resource.equals(INVOKE + ".waitForTaskToken")
                || (resource.startsWith("${function:") && resource.endsWith("}"));
    }

    @Override
    public void start(TaskRequest request, TaskCallback callback) {
        Thread.ofVirtual().name("task-" + request.stateName()).start(() -> run(request, callback));
    }

    /** A function's invocation dies with the server that ran it: after a restart it runs again (at least once). */
    @Override
    public void resume(TaskRequest request, boolean started, TaskCallback callback) {
        if (!started || request.pattern() != IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
            start(request, callback);
        }
    }

    private void run(TaskRequest r, TaskCallback callback) {
        callback.started(null);
        boolean integration = r.baseResource().equals(INVOKE);
        FunctionService.InvokeRequest invoke;
        try {
            invoke = integration ? integrationRequest(r) : new FunctionService.InvokeRequest(r.baseResource(), null,
                    Json.write(r.input()).getBytes(StandardCharsets.UTF_8),
                    FunctionService.InvocationType.REQUEST_RESPONSE, false, null, r.executionArn(), r.stateName());
        } catch (LambdaException e) {
            callback.failed(e.taskError(), e.sdkCause(java.util.UUID.randomUUID().toString()));
            return;
        }
        FunctionService.InvokeResult result;
        try {
            result = functions.invoke(invoke);
        } catch (LambdaException e) {
            callback.failed(e.taskError(), e.sdkCause(java.util.UUID.randomUUID().toString()));
            return;
        } catch (InterruptedException e) {
            callback.failed("Lambda.SdkClientException", "Unable to execute HTTP request: the invocation was "
                    + "interrupted");
            return;
        }
        if (result.functionError() != null) {
            JsonNode error = parse(result.payload());
            String type = error.isObject() && error.path("errorType").isTextual()
                    ? error.get("errorType").asText() : "Lambda.Unknown";
            // The old-style resource passes Lambda's payload on as it came; the integration re-serialises it.
            String cause = integration && !error.isTextual() ? Json.write(error)
                    : new String(result.payload(), StandardCharsets.UTF_8);
            callback.failed(type, cause);
            return;
        }
        if (!integration) {
            callback.succeeded(parse(result.payload()));
            return;
        }
        ObjectNode out = wrap(result);
        if (r.pattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
            callback.submitted(out);
        } else {
            callback.succeeded(out);
        }
    }

    private static FunctionService.InvokeRequest integrationRequest(TaskRequest r) {
        JsonNode in = r.input();
        JsonNode fn = in.get("FunctionName");
        if (fn == null || !fn.isTextual() || fn.asText().isEmpty()) {
            throw LambdaException.validation("1 validation error detected: Value null at 'functionName' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        JsonNode p = in.get("Payload");
        byte[] payload = p == null || p.isNull() ? new byte[0]
                : p.isTextual() ? p.asText().getBytes(StandardCharsets.UTF_8)
                : Json.write(p).getBytes(StandardCharsets.UTF_8);
        String type = in.path("InvocationType").asText("RequestResponse");
        FunctionService.InvocationType t = switch (type) {
            case "Event" -> FunctionService.InvocationType.EVENT;
            case "DryRun" -> FunctionService.InvocationType.DRY_RUN;
            case "RequestResponse" -> FunctionService.InvocationType.REQUEST_RESPONSE;
            default -> throw LambdaException.validation("1 validation error detected: Value '" + type + "' at "
                    + "'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, "
                    + "RequestResponse, DryRun]");
        };
        String clientContext = null;
        if (in.hasNonNull("ClientContext")) {
            try {
                clientContext = new String(Base64.getDecoder().decode(in.get("ClientContext").asText()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw LambdaException.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
            }
        }
        return new FunctionService.InvokeRequest(fn.asText(), in.hasNonNull("Qualifier")
                ? in.get("Qualifier").asText() : null, payload, t, "Tail".equals(in.path("LogType").asText()),
                clientContext, r.executionArn(), r.stateName());
    }

    /** A payload as JSON; text that is not JSON stays text. */
    static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            return Json.NODES.textNode("");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            return n == null || n.isMissingNode() ? Json.NODES.textNode("") : n;
        } catch (IOException e) {
            return Json.NODES.textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** The integration's result: the Java SDK's InvokeResult with its HTTP metadata, as Step Functions shows it. */
    private ObjectNode wrap(FunctionService.InvokeResult r) {
        String length = Integer.toString(r.payload().length);
        String date = HTTP_DATE.format(clock.instant());
        String trace = "Root=1-" + Long.toHexString(clock.millis() / 1000) + "-"
                + r.requestId().replace("-", "").substring(0, 24) + ";Parent=" + r.requestId().substring(0, 8)
                + r.requestId().substring(9, 13) + r.requestId().substring(14, 18) + ";Sampled=0;Lineage=1";
        ObjectNode out = Json.object();
        out.put("ExecutedVersion", "$LATEST");
        if (r.logResult() != null) {
            out.put("LogResult", r.logResult());
        }
        out.set("Payload", parse(r.payload()));
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        if (r.logResult() != null) {
            all.putArray("X-Amz-Log-Result").add(r.logResult());
        }
        all.putArray("X-Amz-Executed-Version").add("$LATEST");
        all.putArray("x-amzn-Remapped-Content-Length").add("0");
        all.putArray("Connection").add("keep-alive");
        all.putArray("x-amzn-RequestId").add(r.requestId());
        all.putArray("Content-Length").add(length);
        all.putArray("Date").add(date);
        all.putArray("X-Amzn-Trace-Id").add(trace);
        all.putArray("Content-Type").add("application/json");
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", length);
        headers.put("Content-Type", "application/json");
        headers.put("Date", date);
        headers.put("X-Amz-Executed-Version", "$LATEST");
        if (r.logResult() != null) {
            headers.put("X-Amz-Log-Result", r.logResult());
        }
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", r.requestId());
        headers.put("X-Amzn-Trace-Id", trace);
        http.put("HttpStatusCode", r.statusCode());
        out.putObject("SdkResponseMetadata").put("RequestId", r.requestId());
        out.put("StatusCode", r.statusCode());
        return out;
    }
}
