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
