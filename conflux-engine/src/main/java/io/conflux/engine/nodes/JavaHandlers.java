package io.conflux.engine.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A processing node for Java handlers in this process, for tests and for applications that embed Conflux. A handler
 * is registered under a function name and answers Task states whose Resource is a Lambda function ARN with that name
 * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}), so definitions stay valid for AWS.
 *
 * <p>A handler that throws fails its task: a {@link TaskFailure} with its own error name, any other exception with
 * the exception's simple class name as the error and a Lambda-shaped cause ({@code errorMessage}, {@code errorType},
 * {@code stackTrace}).
 */
public final class JavaHandlers implements ProcessingNode {

    /** A task's work. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(JsonNode input, TaskRequest request) throws Exception;
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Executor executor;

    /** @param executor runs the handlers; blocking handlers want virtual threads */
    public JavaHandlers(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Handlers run on virtual threads. */
    public JavaHandlers() {
        this(Executors.newVirtualThreadPerTaskExecutor());
    }

    public JavaHandlers register(String functionName, Handler handler) {
        handlers.put(functionName, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** The function name of a Lambda ARN, with any version or alias qualifier removed; null for other ARNs. */
    static String functionName(String resource) {
        String[] p = resource.split(":");
        if (p.length >= 7 && p[0].equals("arn") && p[2].equals("lambda") && p[5].equals("function")) {
            return p[6];
        }
        return null;
    }

    @Override
    public boolean handles(String resource) {
        String name = functionName(resource);
        return name != null && handlers.containsKey(name);
    }

    @Override
    public void start(TaskRequest request, TaskCallback callback) {
        Handler h = handlers.get(functionName(request.resource()));
        executor.execute(() -> {
            callback.started(null);
            try {
                callback.succeeded(h.handle(request.input(), request));
            } catch (TaskFailure f) {
                callback.failed(f.error(), f.cause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                callback.failed("States.TaskFailed", "The handler was interrupted");
            } catch (Exception | Error e) {
                callback.failed(e.getClass().getSimpleName(), lambdaCause(e));
            }
        });
    }

    /** A handler's work does not survive the process that ran it: after a restart it runs again. */
    @Override
    public void resume(TaskRequest request, boolean started, TaskCallback callback) {
        start(request, callback);
    }

    /** The cause text Lambda gives for an unhandled error. */
    static String lambdaCause(Throwable e) {
        ObjectNode o = Json.object();
        o.put("errorMessage", e.getMessage());
        o.put("errorType", e.getClass().getSimpleName());
        var trace = o.putArray("stackTrace");
        for (StackTraceElement el : e.getStackTrace()) {
            trace.add(el.toString());
        }
        return Json.write(o);
    }
}
