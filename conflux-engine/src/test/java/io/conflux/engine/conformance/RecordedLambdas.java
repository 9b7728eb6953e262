package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.engine.nodes.TaskFailure;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stand-ins for the Lambda functions of recorded cases, where in-process handlers reproduce what the engine saw:
 * Task states whose Resource is the function's ARN (LambdaFunctionScheduled …), with a function that returns its
 * input, raises, returns too much, or runs past the state's TimeoutSeconds. Service integrations
 * ({@code arn:aws:states:::lambda:invoke}) wrap the result in SDK metadata recorded from AWS and are not reproduced.
 */
final class RecordedLambdas {
    /** What Lambda's Python runtime reports for {@code raise Exception("Some exception was raised.")}. */
    private static final String RAISED_TRACE = "  File \"/var/task/handler.py\", line 2, in handler\n"
            + "    raise Exception(\"Some exception was raised.\")\n";
    private static final String CUSTOM_TRACE = "  File \"/var/task/handler.py\", line 9, in handler\n"
            + "    raise CustomException()\n";

    private RecordedLambdas() {}

    /** Nodes that behave as the case's recorded functions, or empty when they cannot be reproduced here. */
    static Optional<List<ProcessingNode>> nodes(JsonNode c) {
        if (!List.of("lambda").equals(textList(c.path("needs")))) {
            return Optional.empty();
        }
        if (Json.write(c.get("definition")).contains(":states:::lambda:")) {
            return Invoke.of(c).map(List::of);
        }
        JavaHandlers handlers = new JavaHandlers(Runnable::run); // in the engine's own manual steps
        List<String> silent = new ArrayList<>();
        for (JsonNode f : c.path("lambda_functions")) {
            String name = f.path("name").asText();
            String behaviour = f.path("behaviour").asText();
            if (behaviour.startsWith("identity")) {
                handlers.register(name, (input, request) -> input);
            } else if (behaviour.startsWith("always raises Python Exception")) {
                handlers.register(name, (input, request) -> {
                    throw new TaskFailure("Exception", pythonCause("Some exception was raised.", "Exception",
                            RAISED_TRACE));
                });
            } else if (behaviour.startsWith("always raises a custom exception")) {
                handlers.register(name, (input, request) -> {
                    throw new TaskFailure("CustomException", pythonCause("", "CustomException", CUSTOM_TRACE));
                });
            } else if (behaviour.startsWith("returns a 257 KiB payload")) {
                handlers.register(name, (input, request) -> Json.NODES.textNode("a".repeat(263_168)));
            } else if (behaviour.startsWith("sleeps 60 seconds")) {
                silent.add(name); // still running when TimeoutSeconds elapses
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(handlers, new Silent(silent)));
    }

    /**
     * The cause Lambda gives for an unhandled Python error: Python's {@code json.dumps} text (with spaces), in
     * Lambda's key order.
     */
    private static String pythonCause(String message, String type, String trace) {
        return "{\"errorMessage\": " + Json.write(Json.NODES.textNode(message)) + ", \"errorType\": \"" + type
                + "\", \"requestId\": \"" + UUID.randomUUID() + "\", \"stackTrace\": ["
                + Json.write(Json.NODES.textNode(trace)) + "]}";
    }

    /**
     * Puts the functions' names back where the recorder replaced them with an alias that is not a placeholder
     * (e.g. {@code lambda_function_name}).
     */
    static JsonNode unalias(JsonNode recorded, JsonNode c) {
        String text = Json.write(recorded);
        for (JsonNode f : c.path("lambda_functions")) {
            String alias = f.path("snapshot_alias").asText("");
            if (!alias.isEmpty() && !alias.startsWith("<")) {
                text = text.replace(alias, f.path("name").asText());
            }
        }
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException("Expected JSON after replacing aliases", e);
        }
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    /**
     * The {@code lambda:invoke} integration, for functions that fail or run too long: its failures carry Lambda's
     * cause as compact JSON. A successful invocation's result wraps the payload in SDK metadata recorded from AWS,
     * so cases whose functions succeed are left out.
     */
    private record Invoke(java.util.Map<String, String> behaviours) implements ProcessingNode {
        static Optional<Invoke> of(JsonNode c) {
            java.util.Map<String, String> behaviours = new java.util.HashMap<>();
            for (JsonNode f : c.path("lambda_functions")) {
                String b = f.path("behaviour").asText();
                if (!b.startsWith("always raises") && !b.startsWith("sleeps 60 seconds")) {
                    return Optional.empty();
                }
                behaviours.put(f.path("name").asText(), b);
            }
            return behaviours.isEmpty() ? Optional.empty() : Optional.of(new Invoke(behaviours));
        }

        @Override
        public boolean handles(String resource) {
            return resource.equals("arn:aws:states:::lambda:invoke");
        }

        @Override
        public void start(TaskRequest request, TaskCallback callback) {
            String function = request.input().path("FunctionName").asText();
            String name = function.substring(function.lastIndexOf(':') + 1);
            String b = behaviours.get(name);
            callback.started(null);
            if (b == null) {
                String[] arn = request.executionArn().split(":");
                callback.failed("Lambda.ResourceNotFoundException", "Function not found: arn:aws:lambda:" + arn[3]
                        + ":" + arn[4] + ":function:" + name + ":$LATEST (Service: AWSLambda; Status Code: 404; "
                        + "Error Code: ResourceNotFoundException; Request ID: " + UUID.randomUUID()
                        + "; Proxy: null)");
            } else if (b.startsWith("always raises Python Exception")) {
                callback.failed("Exception", compactCause("Some exception was raised.", "Exception", RAISED_TRACE));
            } else if (b.startsWith("always raises a custom exception")) {
                callback.failed("CustomException", compactCause("", "CustomException", CUSTOM_TRACE));
            }
            // else: still running when TimeoutSeconds elapses
        }

        private static String compactCause(String message, String type, String trace) {
            var o = Json.object();
            o.put("errorMessage", message);
            o.put("errorType", type);
            o.put("requestId", UUID.randomUUID().toString());
            o.putArray("stackTrace").add(trace);
            return Json.write(o);
        }
    }

    /** Functions that start and do not answer before the state's timeout. */
    private record Silent(List<String> names) implements ProcessingNode {
        @Override
        public boolean handles(String resource) {
            return names.stream().anyMatch(n -> resource.endsWith(":function:" + n));
        }

        @Override
        public void start(TaskRequest request, TaskCallback callback) {
            callback.started(null);
        }
    }
}
