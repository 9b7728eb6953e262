package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.conflux.asl.expr.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The Lambda API as the AWS SDK for Java, boto3 and the AWS CLI use it. */
class AwsClientsTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        t.create("api", "python3.12", "h.handler", Map.of("h.py", """
                import os
                def handler(event, context):
                    print('event', event)
                    if isinstance(event, dict) and event.get('fail'):
                        raise KeyError('nope')
                    return {'event': event, 'region': os.environ['AWS_REGION']}
                """));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void the_sdk_manages_functions_with_lambdas_shapes_and_errors() {
        var conf = t.lambda.getFunction(b -> b.functionName("api"));
        assertThat(conf.configuration().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:111111111111:function:api");
        assertThat(conf.configuration().runtimeAsString()).isEqualTo("python3.12");
        assertThat(conf.configuration().timeout()).isEqualTo(3);
        assertThat(conf.configuration().memorySize()).isEqualTo(128);
        assertThat(t.lambda.listFunctions().functions()).extracting(f -> f.functionName()).contains("api");
        assertThatThrownBy(() -> t.lambda.getFunction(b -> b.functionName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope");
        assertThatThrownBy(() -> t.create("api", "python3.12", "h.handler", Map.of("h.py", "")))
                .isInstanceOf(ResourceConflictException.class).hasMessageStartingWith("Function already exist: api");
        var updated = t.lambda.updateFunctionConfiguration(b -> b.functionName("api").timeout(7)
                .environment(e -> e.variables(Map.of("GREETING", "hi"))));
        assertThat(updated.timeout()).isEqualTo(7);
        assertThat(updated.environment().variables()).containsEntry("GREETING", "hi");
        var failed = t.lambda.invoke(b -> b.functionName("arn:aws:lambda:eu-west-3:000000000000:function:api")
                .payload(SdkBytes.fromUtf8String("{\"fail\":true}")));
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("\"errorType\": \"KeyError\"");
    }

    @Test
    void new_code_replaces_the_warm_runtimes_and_the_package_can_be_downloaded() throws Exception {
        t.create("versioned", "python3.12", "v.handler", Map.of("v.py", "def handler(e, c):\n    return 1\n"));
        assertThat(t.lambda.invoke(b -> b.functionName("versioned")).payload().asUtf8String()).isEqualTo("1");
        byte[] two = TestServer.zip(Map.of("v.py", "def handler(e, c):\n    return 2\n"));
        var updated = t.lambda.updateFunctionCode(b -> b.functionName("versioned")
                .zipFile(SdkBytes.fromByteArray(two)));
        assertThat(updated.codeSha256()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(two)));
        assertThat(t.lambda.invoke(b -> b.functionName("versioned")).payload().asUtf8String()).isEqualTo("2");
        assertThat(t.service().stats("versioned").orElseThrow().coldStarts()).isEqualTo(2);
        String location = t.lambda.getFunction(b -> b.functionName("versioned")).code().location();
        var zip = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(location)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.body()).isEqualTo(two);
        t.lambda.deleteFunction(b -> b.functionName("versioned"));
        assertThatThrownBy(() -> t.lambda.invoke(b -> b.functionName("versioned")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_function_with_reserved_concurrency_zero_is_throttled() {
        t.create("closed", "python3.12", "h.handler", Map.of("h.py", "def handler(e, c):\n    return 1\n"));
        t.lambda.putFunctionConcurrency(b -> b.functionName("closed").reservedConcurrentExecutions(0));
        assertThatThrownBy(() -> t.lambda.invoke(b -> b.functionName("closed")))
                .isInstanceOf(TooManyRequestsException.class).hasMessageStartingWith("Rate Exceeded.")
                .satisfies(e -> assertThat(((TooManyRequestsException) e).reasonAsString())
                        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
        t.lambda.deleteFunctionConcurrency(b -> b.functionName("closed"));
        assertThat(t.lambda.invoke(b -> b.functionName("closed")).payload().asUtf8String()).isEqualTo("1");
    }

    @Test
    void an_event_invocation_answers_202_at_once_and_runs_in_the_background() throws Exception {
        var r = t.lambda.invoke(b -> b.functionName("api").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":\"yes\"}")));
        assertThat(r.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> t.service().logs()
                .read(new LogStore.Query("api", null, null, null, 0, 10_000), 0).stream()
                .anyMatch(l -> l.message().contains("'async': 'yes'")));
    }

    @Test
    void the_aws_cli_and_boto3_invoke_functions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        // AWS CLI v1 (as installed here) sends --payload as it is; v2 needs --cli-binary-format raw-in-base64-out.
        ProcessBuilder pb = new ProcessBuilder("aws", "lambda", "invoke", "--endpoint-url", t.server.endpoint(),
                "--region", "us-east-1", "--function-name", "api", "--payload", "{\"from\":\"cli\"}", out.toString())
                .redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process cli = pb.start();
        cli.getOutputStream().close();
        String printed = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(printed).isZero();
        assertThat(Json.parse(printed).path("StatusCode").asInt()).isEqualTo(200);
        assertThat(Json.parse(Files.readString(out)).path("event")).isEqualTo(Json.parse("{\"from\":\"cli\"}"));

        String script = """
                import boto3, json, sys
                c = boto3.client('lambda', endpoint_url=sys.argv[1], region_name='us-east-1',
                                 aws_access_key_id='x', aws_secret_access_key='x')
                r = c.invoke(FunctionName='api', Payload=json.dumps({'from': 'boto3'}), LogType='Tail')
                print(json.dumps({'status': r['StatusCode'], 'payload': json.loads(r['Payload'].read()),
                                  'version': r['ExecutedVersion'], 'tail': 'LogResult' in r}))
                a = c.invoke_async(FunctionName='api', InvokeArgs=json.dumps({'from': 'invoke_async'}))
                print(json.dumps({'async': a['Status']}))
                try:
                    c.invoke(FunctionName='missing')
                except c.exceptions.ResourceNotFoundException as e:
                    print(json.dumps({'missing': e.response['Error']['Message']}))
                """;
        Path py = dir.resolve("client.py");
        Files.writeString(py, script);
        Process boto = new ProcessBuilder("python3", py.toString(), t.server.endpoint()).redirectErrorStream(true)
                .start();
        String lines = new String(boto.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(boto.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(boto.exitValue()).as(lines).isZero();
        List<String> l = new ArrayList<>(lines.lines().toList());
        assertThat(Json.parse(l.get(0))).isEqualTo(Json.parse("{\"status\":200,\"payload\":{\"event\":{\"from\":"
                + "\"boto3\"},\"region\":\"us-east-1\"},\"version\":\"$LATEST\",\"tail\":true}"));
        assertThat(Json.parse(l.get(1))).isEqualTo(Json.parse("{\"async\":202}"));
        assertThat(Json.parse(l.get(2)).path("missing").asText())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:111111111111:function:missing:$LATEST");
    }
}
