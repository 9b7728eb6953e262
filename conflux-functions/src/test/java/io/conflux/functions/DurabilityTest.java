package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/** With a data folder, functions, their code and their logs outlive the server. */
class DurabilityTest {

    @Test
    void functions_survive_a_restart_with_their_code(@TempDir Path data) throws Exception {
        FunctionsConfig config = FunctionsConfig.builder().dataDir(data).build();
        try (TestServer t = TestServer.start(config)) {
            t.create("kept", "python3.12", "k.handler", Map.of("k.py", "def handler(e, c):\n    return 'still here'\n"),
                    b -> b.timeout(9));
            assertThat(t.lambda.invoke(b -> b.functionName("kept")).payload().asUtf8String())
                    .isEqualTo("\"still here\"");
        }
        try (TestServer t = TestServer.start(config)) {
            assertThat(t.lambda.getFunction(b -> b.functionName("kept")).configuration().timeout()).isEqualTo(9);
            assertThat(t.lambda.invoke(b -> b.functionName("kept").payload(SdkBytes.fromUtf8String("{}")))
                    .payload().asUtf8String()).isEqualTo("\"still here\"");
        }
        assertThat(data.resolve("logs/kept.log")).content().contains("START RequestId:").contains("REPORT RequestId:");
    }

    @Test
    void with_a_database_functions_are_kept_there_and_servers_sharing_it_share_them(@TempDir Path data)
            throws Exception {
        try (io.conflux.store.jdbc.Database db = io.conflux.store.jdbc.Database.h2InMemory("functions-"
                + System.nanoTime())) {
            FunctionsConfig one = FunctionsConfig.builder().dataDir(data.resolve("one"))
                    .reapInterval(java.time.Duration.ofMillis(100)).build();
            FunctionsConfig two = FunctionsConfig.builder().dataDir(data.resolve("two"))
                    .reapInterval(java.time.Duration.ofMillis(100)).build();
            try (TestServer a = TestServer.start(one, b -> b.database(db));
                    TestServer b = TestServer.start(two, c -> c.database(db))) {
                a.create("shared", "python3.12", "s.handler", Map.of("s.py", "def handler(e, c):\n    return 'a'\n"));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> b.service().get("shared").isPresent());
                assertThat(b.lambda.invoke(x -> x.functionName("shared")).payload().asUtf8String())
                        .isEqualTo("\"a\"");
                a.lambda.updateFunctionCode(x -> x.functionName("shared").zipFile(SdkBytes.fromByteArray(
                        TestServer.zip(Map.of("s.py", "def handler(e, c):\n    return 'b'\n")))));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> b.lambda
                        .invoke(x -> x.functionName("shared")).payload().asUtf8String().equals("\"b\""));
                a.lambda.deleteFunction(x -> x.functionName("shared"));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> b.service().get("shared").isEmpty());
            }
        }
    }

    @Test
    void sampled_memory_limits_kill_a_runtime_over_its_limit() throws Exception {
        FunctionsConfig config = FunctionsConfig.builder().memory(FunctionsConfig.MemoryEnforcement.SAMPLING).build();
        try (TestServer t = TestServer.start(config)) {
            assertThat(t.functions.memoryEnforcement()).isEqualTo("sampling");
            t.create("hog", "python3.12", "h.handler", Map.of("h.py", """
                    import time
                    def handler(event, context):
                        blocks = []
                        for i in range(100):
                            blocks.append(b'x' * (8 * 1024 * 1024))
                            time.sleep(0.01)
                        return len(blocks)
                    """), b -> b.memorySize(128).timeout(30));
            var r = t.lambda.invoke(b -> b.functionName("hog"));
            assertThat(r.functionError()).isEqualTo("Unhandled");
            assertThat(r.payload().asUtf8String()).contains("\"errorType\":\"Runtime.OutOfMemory\"");
        }
    }
}
