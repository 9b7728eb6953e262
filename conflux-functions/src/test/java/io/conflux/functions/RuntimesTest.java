package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Each runtime family runs its kind of handler: Python, Node.js, Java through AWS's client, a custom bootstrap. */
class RuntimesTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static InvokeResponse invoke(String name, String payload) {
        return t.lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static JsonNode json(InvokeResponse r) throws Exception {
        return Json.parse(r.payload().asUtf8String());
    }

    @Test
    void a_java_request_handler_runs_through_aws_runtime_interface_client(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/example/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package example;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.Map;

                public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    @Override
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        context.getLogger().log("hello from java");
                        if (event.containsKey("fail")) {
                            throw new IllegalStateException("asked to fail");
                        }
                        return Map.of("name", event.get("name"), "function", context.getFunctionName(),
                                "memory", context.getMemoryLimitInMB());
                    }
                }
                """);
        String core = Path.of(com.amazonaws.services.lambda.runtime.RequestHandler.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString();
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "21", "-cp", core, "-d", classes.toString(),
                src.toString());
        assertThat(rc).isZero();
        byte[] zip = zipFolder(classes);
        t.lambda.createFunction(b -> b.functionName("java-hello").runtime("java21").role(TestServer.ROLE)
                .handler("example.Hello::handleRequest").memorySize(512).timeout(30)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        InvokeResponse ok = invoke("java-hello", "{\"name\":\"duke\"}");
        assertThat(ok.functionError()).as(ok.payload().asUtf8String()).isNull();
        assertThat(json(ok)).isEqualTo(Json.parse("{\"name\":\"duke\",\"function\":\"java-hello\",\"memory\":512}"));
        InvokeResponse failed = invoke("java-hello", "{\"fail\":true}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(failed);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail");
        assertThat(messages("java-hello")).anyMatch(m -> m.contains("hello from java"));
    }

    @Test
    void a_shell_bootstrap_runs_as_a_provided_runtime() throws Exception {
        String bootstrap = """
                #!/bin/bash
                set -euo pipefail
                while true; do
                  HEADERS=$(mktemp)
                  EVENT=$(curl -sS -D "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
                  ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
                  echo "handling $ID"
                  curl -sS -X POST "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$ID/response" \\
                    -d "{\\"shell\\":$EVENT,\\"handler\\":\\"$_HANDLER\\"}" > /dev/null
                done
                """;
        t.create("shell", "provided.al2023", "ignored.handler", Map.of("bootstrap", bootstrap));
        InvokeResponse r = invoke("shell", "{\"x\":1}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(json(r)).isEqualTo(Json.parse("{\"shell\":{\"x\":1},\"handler\":\"ignored.handler\"}"));
        assertThat(messages("shell")).anyMatch(m -> m.startsWith("handling "));
    }

    @Test
    void a_nodejs_handler_runs_async_or_with_a_callback() throws Exception {
        t.create("node-async", "nodejs20.x", "index.handler", Map.of("index.mjs", """
                export const handler = async (event, context) => {
                  console.log('event', JSON.stringify(event));
                  if (event.fail) { throw new TypeError('bad input'); }
                  return { doubled: event.n * 2, fn: context.functionName };
                };
                """));
        InvokeResponse ok = invoke("node-async", "{\"n\":21}");
        assertThat(json(ok)).isEqualTo(Json.parse("{\"doubled\":42,\"fn\":\"node-async\"}"));
        InvokeResponse failed = invoke("node-async", "{\"fail\":true}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(json(failed).get("errorType").asText()).isEqualTo("TypeError");
        assertThat(json(failed).get("errorMessage").asText()).isEqualTo("bad input");
        assertThat(messages("node-async")).anyMatch(m -> m.matches(".*\\t[0-9a-f-]{36}\\tINFO\\tevent \\{\"n\":21}"));

        t.create("node-callback", "nodejs18.x", "lib/cb.handler", Map.of("lib/cb.js", """
                exports.handler = function (event, context, callback) {
                  setTimeout(() => callback(null, 'called back ' + event.who), 5);
                };
                """));
        assertThat(json(invoke("node-callback", "{\"who\":\"me\"}")).asText()).isEqualTo("called back me");
    }

    @Test
    void a_python_handler_that_cannot_be_imported_fails_as_lambda_reports_it() throws Exception {
        t.create("broken", "python3.12", "missing.handler", Map.of("handler.py", "x = 1\n"));
        InvokeResponse r = invoke("broken", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode e = json(r);
        assertThat(e.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(e.get("errorMessage").asText()).isEqualTo("Unable to import module 'missing': No module named "
                + "'missing'");
    }

    private static List<String> messages(String function) throws InterruptedException {
        return t.service().logs().read(new LogStore.Query(function, null, null, null, 0, 10_000), 0).stream()
                .map(LogLine::message).toList();
    }

    private static byte[] zipFolder(Path root) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out); var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry(root.relativize(p).toString()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
