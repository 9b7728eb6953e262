package io.conflux.functions;

import io.conflux.server.ServerContext;
import io.conflux.server.ServerExtension;
import io.conflux.server.project.ProjectSection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions with Lambda's semantics, inside the Conflux server: the Lambda API on the server's port (so
 * {@code aws lambda --endpoint-url} and the SDKs work), a warm pool of runtime processes per function, the Task
 * resources that call functions, function logs ({@code GET /conflux/v1/logs}), and the {@code functions} section of
 * project files. {@code ${function:NAME}} in a deployed definition becomes the function's ARN.
 */
public final class FunctionsExtension implements ServerExtension {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{function:([A-Za-z0-9_-]{1,64})}");

    private final FunctionsConfig config;
    private FunctionService functions;
    private volatile String endpoint = "http://127.0.0.1";

    public FunctionsExtension() {
        this(FunctionsConfig.builder().build());
    }

    public FunctionsExtension(FunctionsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "functions";
    }

    @Override
    public void configure(Setup setup) {
        functions = new FunctionService(config, setup.config().region(), setup.config().accountId(),
                setup.database());
        setup.node(new LambdaTaskNode(functions, config.clock()));
        LambdaApi api = new LambdaApi(functions, () -> endpoint);
        LogsApi logs = new LogsApi(functions.logs());
        setup.routes(r -> {
            api.register(r);
            logs.register(r);
        });
    }

    @Override
    public void started(ServerContext context) {
        endpoint = context.endpoint();
        functions.start();
    }

    @Override
    public Set<String> projectSections() {
        return Set.of(FunctionsSection.NAME);
    }

    @Override
    public List<String> apply(ProjectSection section, ServerContext context) {
        return FunctionsSection.apply(section, functions);
    }

    /** Replaces {@code ${function:NAME}} with the ARN of the function NAME on this server. */
    @Override
    public String resolveDefinition(String definition) {
        Matcher m = REFERENCE.matcher(definition);
        return m.replaceAll(r -> Matcher.quoteReplacement(functions.arn(r.group(1))));
    }

    /** How memory limits are enforced on this machine: {@code cgroup v2}, {@code cgroup v1}, sampling or off. */
    public String memoryEnforcement() {
        return functions.memoryEnforcement();
    }

    /**
     * What one invocation gave, for applications that embed Conflux and for benchmarks.
     *
     * @param payload what the function returned, or its error in Lambda's shape
     * @param error whether the function failed
     * @param durationNanos the runtime's part: from the event handed over to the response received
     * @param initNanos the cold start's init time, or -1 when a warm runtime served it
     */
    public record Invoked(byte[] payload, boolean error, long durationNanos, long initNanos) {}

    /** Creates a function in process (as CreateFunction would), from a zip of its code. */
    public void createFunction(String name, String runtime, String handler, byte[] zip, int memoryMb,
            int timeoutSeconds) {
        functions.create(name, new FunctionInput(runtime, handler, null, "arn:aws:iam::" + functions.account()
                + ":role/conflux", memoryMb, timeoutSeconds, null, null, null, null, zip));
    }

    /** Deletes a function and stops its runtimes. */
    public void deleteFunction(String name) {
        functions.delete(name);
    }

    /** Invokes a function in process and waits for it (RequestResponse), as Invoke would. */
    public Invoked invoke(String name, byte[] payload) throws InterruptedException {
        FunctionService.InvokeResult r = functions.invoke(new FunctionService.InvokeRequest(name, null, payload,
                FunctionService.InvocationType.REQUEST_RESPONSE, false, null, null, null));
        return new Invoked(r.payload(), r.functionError() != null, r.durationNanos(), r.initNanos());
    }

    FunctionService service() {
        return functions;
    }

    @Override
    public void close() {
        if (functions != null) {
            functions.close();
        }
    }
}
