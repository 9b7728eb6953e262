package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

class InvokeTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void a_python_function_returns_its_result_through_invoke() throws Exception {
        t.create("echo", "python3.12", "handler.handler", Map.of("handler.py",
                "def handler(event, context):\n    print('got', event)\n    return {'echo': event, 'fn': context.function_name}\n"));
        InvokeResponse r = t.lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{\"a\":1}"))
                .logType(LogType.TAIL));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(Json.parse(r.payload().asUtf8String())).isEqualTo(Json.parse("{\"echo\":{\"a\":1},\"fn\":\"echo\"}"));
        String log = new String(java.util.Base64.getDecoder().decode(r.logResult()));
        assertThat(log).contains("START RequestId:", "got {'a': 1}", "END RequestId:", "REPORT RequestId:",
                "Init Duration:");
    }
}
