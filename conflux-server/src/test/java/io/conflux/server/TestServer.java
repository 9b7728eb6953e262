package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * A server started in process on a free port, with the AWS SDK for Java v2 pointed at it as a user would point it:
 * endpoint override, static fake credentials, us-east-1, and the {@code sync-} host prefix turned off.
 */
final class TestServer implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/conflux-tests";

    final ConfluxServer server;
    final SfnClient sfn;
    final CallbackNode callbacks = new CallbackNode();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(Consumer<ServerConfig.Builder> custom) {
        ServerConfig.Builder b = ServerConfig.builder().port(0).activityPollTimeout(Duration.ofSeconds(2))
                .node(callbacks);
        custom.accept(b);
        server = ConfluxServer.start(b.build());
        sfn = SfnClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(70)))
                .overrideConfiguration(o -> o
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static TestServer start() {
        return new TestServer(b -> {});
    }

    static TestServer start(Consumer<ServerConfig.Builder> custom) {
        return new TestServer(custom);
    }

    /** Creates a state machine and returns its ARN. */
    String create(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    String createExpress(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
    }

    /** Waits until an execution has ended and describes it. */
    DescribeExecutionResponse awaitEnd(String executionArn) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> sfn.describeExecution(b -> b.executionArn(executionArn)),
                        d -> d.status() != ExecutionStatus.RUNNING);
    }

    /** A raw request of the JSON 1.0 protocol, for what SDKs never send. */
    Raw post(String target, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        return send(b.build());
    }

    Raw send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Raw(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** A raw response. */
    record Raw(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return Json.parse(body);
        }

        /** An AWS error: HTTP 400, {@code __type} and {@code message}, no stack trace, nothing else. */
        Raw isError(String type, String message) throws Exception {
            assertThat(status).as(body).isEqualTo(400);
            assertThat(contentType).isEqualTo("application/x-amz-json-1.0");
            JsonNode j = json();
            assertThat(j.path("__type").asText()).as(body).endsWith("#" + type);
            assertThat(j.path("message").asText()).as(body).isEqualTo(message);
            assertThat(body).doesNotContain("\tat ", "Exception:", "io.conflux", "java.");
            return this;
        }
    }

    @Override
    public void close() {
        sfn.close();
        server.close();
    }
}
