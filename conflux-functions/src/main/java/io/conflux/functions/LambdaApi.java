package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The part of AWS Lambda's REST API that the AWS CLI and SDKs use to manage and invoke functions, on the server's
 * own port: paths, shapes, status codes and errors as Lambda's ({@code x-amzn-ErrorType} names the error, the body
 * carries {@code Type} and the message). Code comes as a base64 {@code ZipFile}, or from the server's own disk
 * with {@code S3Bucket} {@value #LOCAL_BUCKET} and {@code S3Key} a folder or zip there: Conflux keeps no S3.
 */
final class LambdaApi {
    static final String LOCAL_BUCKET = "conflux-local";
    private static final String FN = "/2015-03-31/functions";
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    /** One operation: answers with a status and a JSON body (or none). */
    @FunctionalInterface
    private interface Op {
        void handle(Context ctx) throws Exception;
    }

    private final FunctionService functions;
    private final Supplier<String> endpoint;

    LambdaApi(FunctionService functions, Supplier<String> endpoint) {
        this.functions = functions;
        this.endpoint = endpoint;
    }

    void register(RoutesConfig r) {
        r.post(FN, wrap(this::create));
        r.get(FN, wrap(this::list));
        r.get(FN + "/{name}", wrap(this::getFunction));
        r.delete(FN + "/{name}", wrap(this::delete));
        r.get(FN + "/{name}/configuration", wrap(ctx -> json(ctx, 200, configuration(spec(ctx)))));
        r.put(FN + "/{name}/configuration", wrap(this::updateConfiguration));
        r.put(FN + "/{name}/code", wrap(this::updateCode));
        r.post(FN + "/{name}/invocations", wrap(this::invoke));
        r.post("/2014-11-13/functions/{name}/invoke-async", wrap(this::invokeAsync));
        r.put("/2017-10-31/functions/{name}/concurrency", wrap(this::putConcurrency));
        r.delete("/2017-10-31/functions/{name}/concurrency", wrap(ctx -> {
            functions.reservedConcurrency(name(ctx), null);
            ctx.status(204);
        }));
        r.get("/2019-09-30/functions/{name}/concurrency", wrap(ctx -> {
            FunctionSpec s = spec(ctx);
            ObjectNode o = Json.object();
            if (s.reservedConcurrency() != null) {
                o.put("ReservedConcurrentExecutions", s.reservedConcurrency());
            }
            json(ctx, 200, o);
        }));
        r.put("/2019-09-30/functions/{name}/provisioned-concurrency", wrap(this::putProvisioned));
        r.get("/2019-09-30/functions/{name}/provisioned-concurrency", wrap(this::getProvisioned));
        r.delete("/2019-09-30/functions/{name}/provisioned-concurrency", wrap(ctx -> {
            functions.provisionedConcurrency(name(ctx), 0);
            ctx.status(204);
        }));
        r.get("/2016-08-19/account-settings", wrap(this::accountSettings));
        r.get("/conflux/v1/functions/{name}/code", wrap(ctx -> {
            FunctionSpec s = spec(ctx);
            ctx.status(200).contentType("application/zip").result(functions.code().zip(s.codeSha256()));
        }));
    }

    private io.javalin.http.Handler wrap(Op op) {
        return ctx -> {
            ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
            try {
                op.handle(ctx);
            } catch (LambdaException e) {
                error(ctx, e);
            }
        };
    }

    static void error(Context ctx, LambdaException e) {
        ObjectNode body = Json.object();
        body.put("Type", e.status() >= 500 ? "Service" : "User");
        body.put(e.messageKey(), e.getMessage());
        e.members().forEach(body::put);
        ctx.header("x-amzn-ErrorType", e.type());
        json(ctx, e.status(), body);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static String name(Context ctx) {
        return FunctionService.parseRef(ctx.pathParam("name")).name();
    }

    private FunctionSpec spec(Context ctx) {
        String name = name(ctx);
        return functions.get(name).orElseThrow(() -> LambdaException.notFound(functions.arn(name)));
    }

    private static ObjectNode body(Context ctx) {
        byte[] b = ctx.bodyAsBytes();
        if (b.length == 0) {
            return Json.object();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(b);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw LambdaException.invalidContent("Could not parse request body into json: " + e.getMessage());
        }
        throw LambdaException.invalidContent("Could not parse request body into json: expected an object");
    }

    // ---- management -----------------------------------------------------------------------------------------

    private void create(Context ctx) {
        ObjectNode in = body(ctx);
        String name = in.path("FunctionName").asText(null);
        if (name != null) {
            name = FunctionService.parseRef(name).name();
        }
        FunctionInput input = input(in, code(in.path("Code")));
        json(ctx, 201, configuration(functions.create(name, input)));
    }

    private void updateConfiguration(Context ctx) {
        json(ctx, 200, configuration(functions.updateConfiguration(name(ctx), input(body(ctx), null))));
    }

    private void updateCode(Context ctx) {
        byte[] zip = code(body(ctx));
        if (zip == null) {
            throw LambdaException.invalidParameter("Please provide a source for function code: ZipFile, or S3Bucket "
                    + LOCAL_BUCKET + " with S3Key a folder or zip on the server");
        }
        json(ctx, 200, configuration(functions.updateCode(name(ctx), zip)));
    }

    private void delete(Context ctx) {
        functions.delete(spec(ctx).name());
        ctx.status(204);
    }

    private void list(Context ctx) {
        List<FunctionSpec> all = functions.list();
        int start = 0;
        String marker = ctx.queryParam("Marker");
        if (marker != null) {
            try {
                start = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                throw LambdaException.invalidParameter("Invalid Marker " + marker);
            }
        }
        int max = ctx.queryParam("MaxItems") == null ? 50 : Math.min(10_000,
                Integer.parseInt(ctx.queryParam("MaxItems")));
        ObjectNode out = Json.object();
        ArrayNode fns = out.putArray("Functions");
        for (int i = start; i < all.size() && i < start + max; i++) {
            fns.add(configuration(all.get(i)));
        }
        if (start + max < all.size()) {
            out.put("NextMarker", Integer.toString(start + max));
        }
        json(ctx, 200, out);
    }

    private void getFunction(Context ctx) {
        FunctionSpec s = spec(ctx);
        ObjectNode out = Json.object();
        out.set("Configuration", configuration(s));
        ObjectNode code = out.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", endpoint.get() + "/conflux/v1/functions/" + s.name() + "/code");
        out.putObject("Tags");
        if (s.reservedConcurrency() != null) {
            out.putObject("Concurrency").put("ReservedConcurrentExecutions", s.reservedConcurrency());
        }
        json(ctx, 200, out);
    }

    private void putConcurrency(Context ctx) {
        JsonNode n = body(ctx).get("ReservedConcurrentExecutions");
        if (n == null || !n.canConvertToInt()) {
            throw LambdaException.validation("1 validation error detected: Value null at "
                    + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
        }
        FunctionSpec s = functions.reservedConcurrency(name(ctx), n.asInt());
        json(ctx, 200, Json.object().put("ReservedConcurrentExecutions", s.reservedConcurrency()));
    }

    private void putProvisioned(Context ctx) {
        JsonNode n = body(ctx).get("ProvisionedConcurrentExecutions");
        if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
            throw LambdaException.validation("1 validation error detected: Value at 'provisionedConcurrentExecutions' "
                    + "failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        FunctionSpec s = functions.provisionedConcurrency(name(ctx), n.asInt());
        ObjectNode o = provisioned(s);
        o.put("Status", "IN_PROGRESS");
        json(ctx, 202, o);
    }

    private void getProvisioned(Context ctx) {
        FunctionSpec s = spec(ctx);
        if (s.provisioned() == 0) {
            throw LambdaException.noProvisioned();
        }
        json(ctx, 200, provisioned(s));
    }

    private ObjectNode provisioned(FunctionSpec s) {
        Pool.Stats st = functions.stats(s.name()).orElseThrow();
        int ready = Math.min(s.provisioned(), st.idle() + st.busy());
        ObjectNode o = Json.object();
        o.put("RequestedProvisionedConcurrentExecutions", s.provisioned());
        o.put("AvailableProvisionedConcurrentExecutions", ready);
        o.put("AllocatedProvisionedConcurrentExecutions", ready);
        o.put("Status", ready >= s.provisioned() ? "READY" : "IN_PROGRESS");
        o.put("LastModified", LAST_MODIFIED.format(s.lastModified()));
        return o;
    }

    private void accountSettings(Context ctx) {
        ObjectNode o = Json.object();
        ObjectNode limit = o.putObject("AccountLimit");
        limit.put("TotalCodeSize", 80L * 1024 * 1024 * 1024);
        limit.put("CodeSizeUnzipped", CodeStore.MAX_UNZIPPED);
        limit.put("CodeSizeZipped", CodeStore.MAX_ZIPPED);
        limit.put("ConcurrentExecutions", 1000);
        limit.put("UnreservedConcurrentExecutions", 1000);
        ObjectNode usage = o.putObject("AccountUsage");
        List<FunctionSpec> all = functions.list();
        usage.put("TotalCodeSize", all.stream().mapToLong(FunctionSpec::codeSize).sum());
        usage.put("FunctionCount", all.size());
        json(ctx, 200, o);
    }

    /** The code of a request: base64 {@code ZipFile}, or a folder or zip on this server; null when none given. */
    private static byte[] code(JsonNode code) {
        if (code == null || code.isMissingNode() || code.isNull()) {
            return null;
        }
        if (code.hasNonNull("ZipFile")) {
            try {
                return Base64.getDecoder().decode(code.get("ZipFile").asText());
            } catch (IllegalArgumentException e) {
                throw LambdaException.invalidParameter("Could not unzip uploaded file. Please check your file, then "
                        + "try to upload again.");
            }
        }
        if (code.hasNonNull("ImageUri")) {
            throw LambdaException.invalidParameter("Conflux runs Zip packages only, not container images");
        }
        if (code.hasNonNull("S3Bucket")) {
            String bucket = code.get("S3Bucket").asText();
            if (!bucket.equals(LOCAL_BUCKET)) {
                throw LambdaException.invalidParameter("Conflux keeps no S3: give the code as ZipFile, or as S3Bucket "
                        + LOCAL_BUCKET + " with S3Key a folder or zip on the server (got bucket " + bucket + ")");
            }
            return local(Path.of(code.path("S3Key").asText("")));
        }
        return null;
    }

    /** A folder or zip on the server's disk, read now: later changes to it need UpdateFunctionCode. */
    static byte[] local(Path p) {
        try {
            if (Files.isDirectory(p)) {
                return CodeStore.zipFolder(p);
            }
            if (Files.isRegularFile(p)) {
                return Files.readAllBytes(p);
            }
        } catch (IOException e) {
            throw LambdaException.invalidParameter("Could not read the code at " + p + ": " + e.getMessage());
        }
        throw LambdaException.invalidParameter("Expected S3Key to be a folder or zip on the server, but " + p
                + " is neither");
    }

    private static FunctionInput input(ObjectNode in, byte[] zip) {
        Map<String, String> env = null;
        JsonNode vars = in.path("Environment").path("Variables");
        if (vars.isObject()) {
            env = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : vars.properties()) {
                env.put(e.getKey(), e.getValue().asText());
            }
        } else if (in.has("Environment")) {
            env = Map.of();
        }
        return new FunctionInput(text(in, "Runtime"), text(in, "Handler"), text(in, "Description"), text(in, "Role"),
                integer(in, "MemorySize"), integer(in, "Timeout"), env, null, null, null, zip);
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw LambdaException.validation("Expected a number for " + field + ", but got " + n);
        }
        return n.asInt();
    }

    /** Lambda's FunctionConfiguration shape. */
    ObjectNode configuration(FunctionSpec s) {
        ObjectNode o = Json.object();
        o.put("FunctionName", s.name());
        o.put("FunctionArn", functions.arn(s.name()));
        o.put("Runtime", s.runtime());
        o.put("Role", s.role());
        o.put("Handler", s.handler());
        o.put("CodeSize", s.codeSize());
        o.put("Description", s.description());
        o.put("Timeout", s.timeoutSeconds());
        o.put("MemorySize", s.memoryMb());
        o.put("LastModified", LAST_MODIFIED.format(s.lastModified()));
        o.put("CodeSha256", s.codeSha256());
        o.put("Version", "$LATEST");
        if (!s.environment().isEmpty()) {
            ObjectNode vars = o.putObject("Environment").putObject("Variables");
            s.environment().forEach(vars::put);
        }
        o.putObject("TracingConfig").put("Mode", "PassThrough");
        o.put("RevisionId", s.revisionId());
        o.put("State", "Active");
        o.put("LastUpdateStatus", "Successful");
        o.put("PackageType", "Zip");
        o.putArray("Architectures").add(System.getProperty("os.arch").contains("aarch64") ? "arm64" : "x86_64");
        o.putObject("EphemeralStorage").put("Size", 512);
        ObjectNode snap = o.putObject("SnapStart");
        snap.put("ApplyOn", "None");
        snap.put("OptimizationStatus", "Off");
        ObjectNode logging = o.putObject("LoggingConfig");
        logging.put("LogFormat", "Text");
        logging.put("LogGroup", "/aws/lambda/" + s.name());
        return o;
    }

    // ---- invocation -----------------------------------------------------------------------------------------

    private void invoke(Context ctx) throws InterruptedException {
        String typeHeader = ctx.header("X-Amz-Invocation-Type");
        FunctionService.InvocationType type = switch (typeHeader == null ? "RequestResponse" : typeHeader) {
            case "RequestResponse" -> FunctionService.InvocationType.REQUEST_RESPONSE;
            case "Event" -> FunctionService.InvocationType.EVENT;
            case "DryRun" -> FunctionService.InvocationType.DRY_RUN;
            default -> throw LambdaException.invalidParameter("1 validation error detected: Value '" + typeHeader
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Event, RequestResponse, DryRun]");
        };
        String clientContext = ctx.header("X-Amz-Client-Context");
        if (clientContext != null) {
            try {
                clientContext = new String(Base64.getDecoder().decode(clientContext), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw LambdaException.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
            }
        }
        FunctionService.InvokeResult r = functions.invoke(new FunctionService.InvokeRequest(ctx.pathParam("name"),
                ctx.queryParam("Qualifier"), ctx.bodyAsBytes(), type, "Tail".equals(ctx.header("X-Amz-Log-Type")),
                clientContext, null, null));
        ctx.header("x-amzn-RequestId", r.requestId());
        ctx.header("X-Amz-Executed-Version", "$LATEST");
        if (r.functionError() != null) {
            ctx.header("X-Amz-Function-Error", r.functionError());
        }
        if (r.logResult() != null) {
            ctx.header("X-Amz-Log-Result", r.logResult());
        }
        ctx.status(r.statusCode()).contentType("application/json").result(r.payload());
    }

    private void invokeAsync(Context ctx) throws InterruptedException {
        FunctionService.InvokeResult r = functions.invoke(new FunctionService.InvokeRequest(ctx.pathParam("name"),
                null, ctx.bodyAsBytes(), FunctionService.InvocationType.EVENT, false, null, null, null));
        ctx.header("x-amzn-RequestId", r.requestId());
        json(ctx, 202, Json.object().put("Status", 202));
    }
}
