package io.conflux.functions;

import java.util.List;

/** How a runtime identifier is run: which bootstrap speaks the Runtime API for the handler. */
enum RuntimeFamily {
    /** Conflux's Python bootstrap: {@code module.function(event, context)}. */
    PYTHON,
    /** Conflux's Node.js bootstrap: {@code exports.handler}, async or with a callback. */
    NODE,
    /** AWS's runtime interface client for Java: RequestHandler and RequestStreamHandler classes. */
    JAVA,
    /** The function's own {@code bootstrap} executable (runtime {@code provided.al2023}, {@code provided.al2}). */
    PROVIDED;

    /** Runtimes the API accepts, as Lambda names them. */
    static final List<String> SUPPORTED = List.of("python3.9", "python3.10", "python3.11", "python3.12",
            "python3.13", "python3.14", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "java11",
            "java17", "java21", "java25", "provided", "provided.al2", "provided.al2023");

    /** The family of a supported runtime; null for anything else. */
    static RuntimeFamily of(String runtime) {
        if (runtime == null || !SUPPORTED.contains(runtime)) {
            return null;
        }
        if (runtime.startsWith("python")) {
            return PYTHON;
        }
        if (runtime.startsWith("nodejs")) {
            return NODE;
        }
        if (runtime.startsWith("java")) {
            return JAVA;
        }
        return PROVIDED;
    }
}
