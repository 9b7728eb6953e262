package io.conflux.functions;

import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A Conflux server with functions, started in process on a free port, and AWS SDK v2 clients for Lambda and Step
 * Functions pointed at it as a user would point them.
 */
final class TestServer implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::111111111111:role/conflux-tests";

    final ConfluxServer server;
    final FunctionsExtension functions;
    final LambdaClient lambda;
    final SfnClient sfn;

    private TestServer(FunctionsConfig config, Consumer<ServerConfig.Builder> custom) {
        functions = new FunctionsExtension(config);
        ServerConfig.Builder b = ServerConfig.builder().port(0).accountId("111111111111").extension(functions);
        custom.accept(b);
        server = ConfluxServer.start(b.build());
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        lambda = LambdaClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(creds)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(90)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        sfn = SfnClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(creds)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(90)))
                .overrideConfiguration(o -> o
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static TestServer start() {
        return start(FunctionsConfig.builder().build());
    }

    static TestServer start(FunctionsConfig config) {
        return new TestServer(config, b -> {});
    }

    static TestServer start(FunctionsConfig config, Consumer<ServerConfig.Builder> custom) {
        return new TestServer(config, custom);
    }

    FunctionService service() {
        return functions.service();
    }

    /** Creates a function through the Lambda API from files given as text. */
    CreateFunctionResponse create(String name, String runtime, String handler, Map<String, String> files,
            Consumer<software.amazon.awssdk.services.lambda.model.CreateFunctionRequest.Builder> more) {
        return lambda.createFunction(b -> {
            b.functionName(name).runtime(runtime).handler(handler).role(ROLE)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(files))));
            more.accept(b);
        });
    }

    CreateFunctionResponse create(String name, String runtime, String handler, Map<String, String> files) {
        return create(name, runtime, handler, files, b -> {});
    }

    /** A zip of text files (a file named bootstrap is made executable). */
    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        lambda.close();
        sfn.close();
        server.close();
    }
}
