package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.Folders;
import io.conflux.store.jdbc.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of one server: their specs, their code, their warm pools, and invocation. The Lambda API, the
 * Task node and the project section all go through here, so a function behaves the same however it is reached.
 */
final class FunctionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** Variables Lambda sets itself and refuses in a function's environment. */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;

    /** How a caller wants an invocation run. */
    enum InvocationType { REQUEST_RESPONSE, EVENT, DRY_RUN }

    /**
     * One invocation request, from the API or a Task state.
     *
     * @param function a name, an ARN or a partial ARN, with an optional {@code :qualifier}
     * @param executionArn the workflow execution invoking, for the logs (null from the API)
     * @param stateName the Task state invoking, for the logs (null from the API)
     */
    record InvokeRequest(String function, String qualifier, byte[] payload, InvocationType type, boolean tail,
            String clientContext, String executionArn, String stateName) {}

    /** What an invocation gives back, in the terms of Lambda's Invoke response. */
    record InvokeResult(String requestId, int statusCode, byte[] payload, String functionError, String logResult,
            boolean coldStart, long durationNanos, long initNanos) {}

    private final FunctionsConfig config;
    private final String region;
    private final String account;
    private final Path home;
    private final boolean temporary;
    private final CodeStore code;
    private final Runtimes runtimes;
    private final LogStore logs;
    private final Optional<CgroupMemory.Root> cgroups;
    private final ScheduledExecutorService timers;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Optional<FunctionTable> table;
    private final AtomicLong sandboxes = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started;

    /** @param database the server's database when it is durable: functions are kept there */
    FunctionService(FunctionsConfig config, String region, String account, Optional<Database> database) {
        this.config = config;
        this.table = database.map(FunctionTable::new);
        this.region = region;
        this.account = account;
        try {
            this.temporary = config.dataDir() == null;
            this.home = temporary ? Files.createTempDirectory("conflux-functions")
                    : Files.createDirectories(config.dataDir().toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Expected a folder for functions, but: " + e.getMessage(), e);
        }
        this.code = new CodeStore(home.resolve("code"));
        this.runtimes = new Runtimes(home.resolve("runtimes"), config);
        this.logs = new LogStore(config.clock(), config.logLinesPerFunction(), temporary ? null : home.resolve("logs"));
        this.cgroups = switch (config.memory()) {
            case AUTO -> CgroupMemory.probe();
            case CGROUP -> Optional.of(CgroupMemory.probe().orElseThrow(() -> new IllegalStateException(
                    "Expected to create memory cgroups for functions (memory enforcement CGROUP), but this process "
                            + "may not: use AUTO or SAMPLING")));
            case SAMPLING, OFF -> Optional.empty();
        };
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "functions-timers");
            t.setDaemon(true);
            return t;
        });
        if (table.isPresent()) {
            refresh();
        } else if (!temporary) {
            load();
        }
    }

    /** Starts background work: reaping idle runtimes, pre-warming provisioned ones. */
    void start() {
        started = true;
        long every = config.reapInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> {
            try {
                reapIdle();
            } catch (Throwable t) {
                // A reaping round that fails must not stop the next ones.
                LOG.warn("Reaping idle runtimes failed", t);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        pools.values().forEach(Pool::provision);
    }

    String memoryEnforcement() {
        return cgroups.map(r -> r.v2() ? "cgroup v2" : "cgroup v1").orElse(
                config.memory() == FunctionsConfig.MemoryEnforcement.OFF ? "off" : "sampling");
    }

    LogStore logs() {
        return logs;
    }

    CodeStore code() {
        return code;
    }

    String region() {
        return region;
    }

    String account() {
        return account;
    }

    String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    // ---- the catalog ----------------------------------------------------------------------------------------

    Optional<FunctionSpec> get(String name) {
        Pool p = pools.get(name);
        return p == null ? Optional.empty() : Optional.of(p.spec());
    }

    List<FunctionSpec> list() {
        List<FunctionSpec> out = new ArrayList<>();
        pools.values().forEach(p -> out.add(p.spec()));
        out.sort(java.util.Comparator.comparing(FunctionSpec::name));
        return out;
    }

    Optional<Pool.Stats> stats(String name) {
        Pool p = pools.get(name);
        return p == null ? Optional.empty() : Optional.of(p.stats());
    }

    /** Creates a function; ResourceConflictException when the name is taken. */
    synchronized FunctionSpec create(String name, FunctionInput in) {
        checkName(name);
        if (pools.containsKey(name)) {
            throw LambdaException.conflict("Function already exist: " + name);
        }
        if (in.zip() == null) {
            throw LambdaException.invalidParameter("Conflux keeps no S3 buckets: give the code as ZipFile, or as "
                    + "S3Bucket conflux-local with S3Key a folder or zip on the server");
        }
        String runtime = in.runtime();
        if (runtime == null) {
            throw LambdaException.invalidParameter("The Runtime parameter is required for a Zip package");
        }
        checkRuntime(runtime);
        if (RuntimeFamily.of(runtime) != RuntimeFamily.PROVIDED && (in.handler() == null || in.handler().isBlank())) {
            throw LambdaException.invalidParameter("The Handler parameter is required for runtime " + runtime);
        }
        if (in.role() == null || in.role().isBlank()) {
            throw LambdaException.validation("1 validation error detected: Value null at 'role' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        CodeStore.Package pkg = code.store(in.zip());
        FunctionSpec spec = new FunctionSpec(name, runtime, in.handler(), orEmpty(in.description()), in.role(),
                memory(in.memoryMb() == null ? FunctionSpec.DEFAULT_MEMORY_MB : in.memoryMb()),
                timeout(in.timeoutSeconds() == null ? FunctionSpec.DEFAULT_TIMEOUT_SECONDS : in.timeoutSeconds()),
                environment(in.environment() == null ? Map.of() : in.environment()),
                reserved(in.reservedConcurrency()), provisioned(in.provisioned()),
                in.idleTtl() == null ? FunctionSpec.DEFAULT_IDLE_TTL : ttl(in.idleTtl()), pkg.sha256(), pkg.size(),
                config.clock().instant(), UUID.randomUUID().toString());
        Pool pool = newPool(spec);
        save(spec, in.zip());
        pools.put(name, pool);
        pool.provision();
        return spec;
    }

    synchronized FunctionSpec updateCode(String name, byte[] zip) {
        Pool pool = pool(name);
        CodeStore.Package pkg = code.store(zip);
        FunctionSpec spec = pool.spec().withCode(pkg.sha256(), pkg.size(), config.clock().instant(),
                UUID.randomUUID().toString());
        save(spec, zip);
        pool.update(spec);
        return spec;
    }

    /** Changes what {@code in} gives; the rest stays. */
    synchronized FunctionSpec updateConfiguration(String name, FunctionInput in) {
        Pool pool = pool(name);
        FunctionSpec s = pool.spec();
        if (in.runtime() != null) {
            checkRuntime(in.runtime());
        }
        FunctionSpec next = new FunctionSpec(name,
                in.runtime() != null ? in.runtime() : s.runtime(),
                in.handler() != null ? in.handler() : s.handler(),
                in.description() != null ? in.description() : s.description(),
                in.role() != null ? in.role() : s.role(),
                in.memoryMb() != null ? memory(in.memoryMb()) : s.memoryMb(),
                in.timeoutSeconds() != null ? timeout(in.timeoutSeconds()) : s.timeoutSeconds(),
                in.environment() != null ? environment(in.environment()) : s.environment(),
                in.reservedConcurrency() != null ? reserved(in.reservedConcurrency()) : s.reservedConcurrency(),
                in.provisioned() != null ? provisioned(in.provisioned()) : s.provisioned(),
                in.idleTtl() != null ? ttl(in.idleTtl()) : s.idleTtl(),
                s.codeSha256(), s.codeSize(), config.clock().instant(), UUID.randomUUID().toString());
        if (in.zip() != null) {
            CodeStore.Package pkg = code.store(in.zip());
            next = next.withCode(pkg.sha256(), pkg.size(), config.clock().instant(), next.revisionId());
        }
        save(next, in.zip());
        pool.update(next);
        return next;
    }

    /** PutFunctionConcurrency / DeleteFunctionConcurrency (null). */
    synchronized FunctionSpec reservedConcurrency(String name, Integer n) {
        Pool pool = pool(name);
        FunctionSpec next = pool.spec().withReservedConcurrency(n == null ? null : reserved(n),
                UUID.randomUUID().toString());
        save(next, null);
        pool.update(next);
        return next;
    }

    synchronized FunctionSpec provisionedConcurrency(String name, int n) {
        Pool pool = pool(name);
        FunctionSpec next = pool.spec().withProvisioned(provisioned(n), UUID.randomUUID().toString());
        save(next, null);
        pool.update(next);
        return next;
    }

    synchronized void delete(String name) {
        Pool pool = pool(name);
        table.ifPresent(t -> t.delete(name));
        pools.remove(name);
        pool.close();
        logs.forget(name);
        if (table.isEmpty() && !temporary) {
            try {
                Files.deleteIfExists(specFile(name));
            } catch (IOException e) {
                LOG.warn("Could not delete {}", specFile(name), e);
            }
        }
    }

    private Pool pool(String name) {
        Pool p = pools.get(name);
        if (p == null) {
            throw LambdaException.notFound(arn(name));
        }
        return p;
    }

    /**
     * The function a name, ARN or partial ARN refers to, whatever account and region an ARN carries (they all mean
     * this server), and the qualifier it carries ({@code $LATEST} when none).
     */
    record Ref(String name, String qualifier) {}

    static Ref parseRef(String function) {
        String f = function.trim();
        if (f.startsWith("${function:") && f.endsWith("}")) {
            f = f.substring("${function:".length(), f.length() - 1);
        }
        String[] p = f.split(":", -1);
        if (p.length >= 7 && p[0].equals("arn") && p[2].equals("lambda") && p[5].equals("function")) {
            return new Ref(p[6], p.length > 7 ? p[7] : null);
        }
        if (p.length >= 3 && p[1].equals("function")) {
            return new Ref(p[2], p.length > 3 ? p[3] : null);
        }
        if (p.length == 2) {
            return new Ref(p[0], p[1]);
        }
        return new Ref(f, null);
    }

    // ---- invocation -----------------------------------------------------------------------------------------

    /**
     * Invokes a function: waits for the result ({@code RequestResponse}), queues it ({@code Event}: 202 at once,
     * run as soon as the function has room), or only checks it ({@code DryRun}: 204).
     *
     * @throws LambdaException ResourceNotFound, InvalidRequestContent, RequestTooLarge, TooManyRequests
     */
    InvokeResult invoke(InvokeRequest r) throws InterruptedException {
        Ref ref = parseRef(r.function());
        String qualifier = r.qualifier() != null ? r.qualifier() : ref.qualifier();
        Pool pool = pools.get(ref.name());
        if (pool == null || closed) {
            throw LambdaException.notFound(arn(ref.name()) + ":" + (qualifier == null ? "$LATEST" : qualifier));
        }
        byte[] payload = r.payload() == null || r.payload().length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8) : r.payload();
        int max = r.type() == InvocationType.EVENT ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (payload.length > max) {
            throw LambdaException.tooLarge("Request must be smaller than " + max + " bytes for the InvokeFunction "
                    + "operation");
        }
        try {
            Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw LambdaException.invalidContent("Could not parse request body into json: Could not parse payload "
                    + "into json: " + why);
        }
        String requestId = UUID.randomUUID().toString();
        String invoked = arn(ref.name()) + (qualifier == null ? "" : ":" + qualifier);
        switch (r.type()) {
            case DRY_RUN -> {
                return new InvokeResult(requestId, 204, new byte[0], null, null, false, 0, -1);
            }
            case EVENT -> {
                Invocation inv = new Invocation(requestId, payload, invoked, r.clientContext(), r.executionArn(),
                        r.stateName(), false);
                Thread.ofVirtual().name("event-" + requestId).start(() -> runEvent(pool, inv));
                return new InvokeResult(requestId, 202, new byte[0], null, null, false, 0, -1);
            }
            case REQUEST_RESPONSE -> {
                Invocation inv = new Invocation(requestId, payload, invoked, r.clientContext(), r.executionArn(),
                        r.stateName(), r.tail());
                Invocation.Outcome o = pool.invoke(inv);
                return new InvokeResult(requestId, 200, o.payload(), o.functionError() ? "Unhandled" : null,
                        o.logTail(), inv.coldStart, o.durationNanos(), o.initNanos());
            }
        }
        throw new IllegalStateException("Unknown invocation type " + r.type());
    }

    /**
     * An asynchronous invocation waits for room instead of being throttled, as Lambda's event queue does (for up to
     * six hours); a function error is logged and not retried.
     */
    private void runEvent(Pool pool, Invocation inv) {
        long backoff = 50;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(6);
        while (!closed && System.nanoTime() < deadline) {
            try {
                pool.invoke(inv);
                return;
            } catch (LambdaException e) {
                if (!e.type().equals("TooManyRequestsException")) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 5_000);
        }
    }

    /** Stops runtimes idle past their TTL; keeps the provisioned ones at their count. */
    int reapIdle() {
        if (table.isPresent()) {
            refresh();
        }
        int n = 0;
        Instant now = config.clock().instant();
        for (Pool p : pools.values()) {
            n += p.reap(now);
            p.provision();
        }
        return n;
    }

    // ---- runtimes -------------------------------------------------------------------------------------------

    private Sandbox sandbox(FunctionSpec spec, boolean provisioned, Sandbox.Owner owner) {
        String id = spec.name() + "-" + sandboxes.incrementAndGet();
        Path dir = code.dir(spec.codeSha256());
        if (!Files.isDirectory(dir) && table.isPresent()) {
            // A function another node created: its package comes from the database, unpacked here once.
            try {
                code.store(table.get().code(spec.codeSha256()).orElseThrow(() -> new IllegalStateException(
                        "Expected the package " + spec.codeSha256() + " of " + spec.name() + " in the database")));
            } catch (java.sql.SQLException e) {
                throw LambdaException.service("Could not read the code of " + spec.name() + ": " + e.getMessage());
            }
        }
        return new Sandbox(id, spec, provisioned, dir, runtimes.command(spec, dir),
                environment(spec, dir, provisioned, id), guard(spec, id), logs, owner, timers,
                home.resolve("sandboxes").resolve(id + ".out"));
    }

    private MemoryGuard guard(FunctionSpec spec, String id) {
        long limit = spec.memoryMb() * 1024L * 1024L;
        if (config.memory() == FunctionsConfig.MemoryEnforcement.OFF) {
            return MemoryGuard.unlimited();
        }
        if (cgroups.isPresent()) {
            try {
                return CgroupMemory.create(cgroups.get(), id, limit);
            } catch (IOException e) {
                LOG.warn("Could not create a memory cgroup for {}; sampling its memory instead: {}", id,
                        e.getMessage());
            }
        }
        return new SampledMemory(limit);
    }

    /** The variables Lambda sets in an execution environment, then the function's own. */
    private Map<String, String> environment(FunctionSpec spec, Path dir, boolean provisioned, String id) {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            env.put("LD_LIBRARY_PATH", ld);
        }
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", spec.handler() == null ? "" : spec.handler());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", Runtimes.executionEnv(spec.runtime()));
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", provisioned ? "provisioned-concurrency" : "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()
                .replace('-', '/') + "/[$LATEST]" + id);
        env.put("LAMBDA_TASK_ROOT", dir.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimes.dir().toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(spec.environment());
        return env;
    }

    // ---- validation -----------------------------------------------------------------------------------------

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LambdaException.validation("1 validation error detected: Value '" + name + "' at 'functionName' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                    + "([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
    }

    private static void checkRuntime(String runtime) {
        if (RuntimeFamily.of(runtime) == null) {
            throw LambdaException.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy "
                    + "constraint: Conflux runs " + RuntimeFamily.SUPPORTED);
        }
    }

    private static int memory(int mb) {
        if (mb < 128 || mb > 10240) {
            throw LambdaException.validation("1 validation error detected: Value '" + mb + "' at 'memorySize' failed "
                    + "to satisfy constraint: Member must have value " + (mb < 128 ? "greater than or equal to 128"
                    : "less than or equal to 10240"));
        }
        return mb;
    }

    private static int timeout(int s) {
        if (s < 1 || s > 900) {
            throw LambdaException.validation("1 validation error detected: Value '" + s + "' at 'timeout' failed to "
                    + "satisfy constraint: Member must have value " + (s < 1 ? "greater than or equal to 1"
                    : "less than or equal to 900"));
        }
        return s;
    }

    private static Integer reserved(Integer n) {
        if (n != null && n < 0) {
            throw LambdaException.invalidParameter("ReservedConcurrentExecutions must be 0 or more, but was " + n);
        }
        return n;
    }

    private static int provisioned(Integer n) {
        if (n == null) {
            return 0;
        }
        if (n < 0 || n > 100) {
            throw LambdaException.invalidParameter("Provisioned concurrency must be from 0 to 100 on one server, but "
                    + "was " + n);
        }
        return n;
    }

    private static Duration ttl(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw LambdaException.invalidParameter("The idle TTL must be positive, but was " + d);
        }
        return d;
    }

    private static Map<String, String> environment(Map<String, String> vars) {
        List<String> reserved = vars.keySet().stream().filter(RESERVED::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided contains reserved keys that are currently "
                    + "not supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
        return vars;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    // ---- persistence ----------------------------------------------------------------------------------------

    private Path specFile(String name) {
        return home.resolve("functions").resolve(name + ".json");
    }

    /**
     * Keeps a function: in the server's database when it has one (the package too, when it is new), else as a file
     * beside its code in the data folder; a server in memory keeps nothing.
     */
    private void save(FunctionSpec s, byte[] zip) {
        if (table.isPresent()) {
            table.get().save(s, zip);
            return;
        }
        if (temporary) {
            return;
        }
        try {
            Files.createDirectories(specFile(s.name()).getParent());
            Files.writeString(specFile(s.name()), SpecJson.write(s));
        } catch (IOException e) {
            throw LambdaException.service("Could not save the function " + s.name() + ": " + e.getMessage());
        }
    }

    private void load() {
        Path dir = home.resolve("functions");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                FunctionSpec s = SpecJson.read(Files.readString(f));
                pools.put(s.name(), newPool(s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Expected to read the functions in " + dir + ", but: " + e.getMessage(),
                    e);
        }
    }

    private Pool newPool(FunctionSpec s) {
        return new Pool(s, this::sandbox, config.clock(), config.defaultConcurrency(),
                config.initTimeout().toMillis());
    }

    /**
     * Brings this node's functions in line with the database: functions created, changed or deleted by another node
     * sharing it (or before a restart) are picked up here, at start and then every reaping round.
     */
    private synchronized void refresh() {
        FunctionTable t = table.orElseThrow();
        try {
            Map<String, String> revisions = t.revisions();
            for (Map.Entry<String, String> e : revisions.entrySet()) {
                Pool p = pools.get(e.getKey());
                if (p != null && p.spec().revisionId().equals(e.getValue())) {
                    continue;
                }
                Optional<FunctionSpec> spec = t.load(e.getKey());
                if (spec.isEmpty()) {
                    continue;
                }
                if (p == null) {
                    Pool created = newPool(spec.get());
                    pools.put(e.getKey(), created);
                    if (started && !closed) {
                        created.provision();
                    }
                } else {
                    p.update(spec.get());
                }
            }
            for (String name : List.copyOf(pools.keySet())) {
                if (!revisions.containsKey(name)) {
                    Pool gone = pools.remove(name);
                    if (gone != null) {
                        gone.close();
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not read the functions from the database: {}", e.getMessage());
        }
    }

    /** Stops every runtime and the background work; a temporary home is deleted. */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        pools.values().forEach(Pool::close);
        logs.close();
        if (temporary) {
            // Give killed runtimes a moment to let go of their files before the folder goes.
            Folders.deleteQuietly(home);
        }
    }
}
