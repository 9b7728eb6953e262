package io.conflux.bench;

import io.conflux.functions.FunctionsConfig;
import io.conflux.functions.FunctionsExtension;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;

/**
 * Functions: the overhead of a warm invocation through the Lambda Runtime API (a no-op handler, so what is measured
 * is Conflux handing the event to the runtime, the runtime's bootstrap calling the handler, and the response coming
 * back), p50 and p99 per runtime; and the cold start per runtime (Init Duration, and the whole first invocation).
 */
final class FunctionsBench {
    private static final byte[] EVENT = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    private final Figures out;
    private final double scale;

    FunctionsBench(Figures out, double scale) {
        this.out = out;
        this.scale = scale;
    }

    void run() throws Exception {
        FunctionsExtension functions = new FunctionsExtension(FunctionsConfig.builder().build());
        try (ConfluxServer server = ConfluxServer.start(ServerConfig.builder().port(0).extension(functions).build())) {
            Figures.log("functions: memory limits by %s", functions.memoryEnforcement());
            Map<String, byte[]> code = Map.of(
                    "python3.12", zip(Map.of("h.py", "def handler(event, context):\n    return event\n")),
                    "nodejs20.x", zip(Map.of("h.js", "exports.handler = async (event) => event;\n")),
                    "java21", javaZip(),
                    "provided.al2023", zip(Map.of("bootstrap", """
                            #!/bin/sh
                            API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation"
                            while true; do
                              H=$(mktemp)
                              E=$(curl -sS -D "$H" "$API/next")
                              ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$H" | tr -d '[:space:]' | cut -d: -f2)
                              rm -f "$H"
                              curl -sS -X POST "$API/$ID/response" -d "$E" > /dev/null
                            done
                            """)));
            Map<String, String> handlers = Map.of("python3.12", "h.handler", "nodejs20.x", "h.handler",
                    "java21", "bench.Echo::handleRequest", "provided.al2023", "bootstrap");
            for (String runtime : new String[] {"python3.12", "nodejs20.x", "java21", "provided.al2023"}) {
                coldStarts(functions, runtime, handlers.get(runtime), code.get(runtime));
            }
            for (String runtime : new String[] {"python3.12", "nodejs20.x", "java21"}) {
                warm(functions, runtime, handlers.get(runtime), code.get(runtime));
            }
        }
    }

    private void coldStarts(FunctionsExtension f, String runtime, String handler, byte[] zip) throws Exception {
        int n = Math.max(3, (int) Math.round(10 * Math.min(1.0, scale)));
        double[] init = new double[n];
        double[] first = new double[n];
        for (int i = 0; i < n; i++) {
            String name = "cold-" + runtime.replace('.', '-') + "-" + i;
            f.createFunction(name, runtime, handler, zip, runtime.startsWith("java") ? 512 : 256, 30);
            long t0 = System.nanoTime();
            FunctionsExtension.Invoked r = f.invoke(name, EVENT);
            first[i] = (System.nanoTime() - t0) / 1e6;
            if (r.error()) {
                throw new IllegalStateException(runtime + " failed: " + new String(r.payload(), StandardCharsets.UTF_8));
            }
            init[i] = r.initNanos() / 1e6;
            f.deleteFunction(name);
        }
        out.emit("functions-cold-start-" + runtime, "init_duration_p50", Figures.median(init), "ms");
        out.emit("functions-cold-start-" + runtime, "first_invoke_p50", Figures.median(first), "ms");
        Figures.log("%s cold start: init %.1f ms, first invocation %.1f ms (median of %d)", runtime,
                Figures.median(init), Figures.median(first), n);
    }

    private void warm(FunctionsExtension f, String runtime, String handler, byte[] zip) throws Exception {
        String name = "warm-" + runtime.replace('.', '-');
        f.createFunction(name, runtime, handler, zip, runtime.startsWith("java") ? 512 : 256, 30);
        for (int i = 0; i < 500; i++) {
            f.invoke(name, EVENT); // warm-up: the runtime's and our own JIT
        }
        int n = Math.max(500, (int) Math.round(5000 * scale));
        long[] total = new long[n];
        long[] runtimePart = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            FunctionsExtension.Invoked r = f.invoke(name, EVENT);
            total[i] = System.nanoTime() - t0;
            runtimePart[i] = r.durationNanos();
        }
        out.emit("functions-warm-" + runtime, "invoke_p50", Figures.percentileMs(total, 50), "ms");
        out.emit("functions-warm-" + runtime, "invoke_p99", Figures.percentileMs(total, 99), "ms");
        out.emit("functions-warm-" + runtime, "runtime_api_roundtrip_p50", Figures.percentileMs(runtimePart, 50),
                "ms");
        Figures.log("%s warm invoke (no-op handler): p50 %.3f ms, p99 %.3f ms; runtime API round trip p50 %.3f ms "
                + "(%d invocations)", runtime, Figures.percentileMs(total, 50), Figures.percentileMs(total, 99),
                Figures.percentileMs(runtimePart, 50), n);
        f.deleteFunction(name);
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A Java handler compiled here (a plain method: it needs only the JDK to compile). */
    private static byte[] javaZip() throws IOException {
        Path dir = Files.createTempDirectory("bench-java");
        Path src = dir.resolve("bench/Echo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package bench;

                public class Echo {
                    public java.util.Map<String, Object> handleRequest(java.util.Map<String, Object> event) {
                        return event;
                    }
                }
                """);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "21", "-d",
                dir.resolve("classes").toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed");
        }
        byte[] b = Files.readAllBytes(dir.resolve("classes/bench/Echo.class"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("bench/Echo.class"));
            z.write(b);
            z.closeEntry();
        }
        return bytes.toByteArray();
    }
}
