package io.conflux.cluster;

import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A server with the cluster extension, started in process on a free port, with the AWS SDK's Step Functions, Batch
 * and ECS clients pointed at it as a user would point them (endpoint override, fake credentials, us-east-1).
 */
final class ClusterServer implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/conflux-tests";
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test"));

    final ClusterExtension cluster;
    final JavaHandlers lambdas = new JavaHandlers();
    final ConfluxServer server;
    final SfnClient sfn;
    final BatchClient batch;
    final EcsClient ecs;

    ClusterServer(ClusterExtension cluster, Consumer<ServerConfig.Builder> custom) {
        this.cluster = cluster;
        ServerConfig.Builder b = ServerConfig.builder().port(0).node(lambdas).extension(cluster);
        custom.accept(b);
        server = ConfluxServer.start(b.build());
        URI endpoint = URI.create(server.endpoint());
        sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        batch = BatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    ClusterServer(ClusterExtension cluster) {
        this(cluster, b -> {});
    }

    String endpoint() {
        return server.endpoint();
    }

    String createStateMachine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    String start(String stateMachineArn, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).input(input)).executionArn();
    }

    DescribeExecutionResponse awaitEnd(String executionArn, Duration atMost) {
        return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> sfn.describeExecution(b -> b.executionArn(executionArn)),
                        d -> d.status() != ExecutionStatus.RUNNING);
    }

    /** A compute environment, a queue on it and a job definition running {@code command}. */
    void batchSetUp(String ce, int maxvCpus, String queue, String definition, String... command) {
        batch.createComputeEnvironment(b -> b.computeEnvironmentName(ce).type("MANAGED")
                .computeResources(r -> r.type("EC2").minvCpus(0).maxvCpus(maxvCpus).subnets("subnet-1"))
                .tags(java.util.Map.of("conflux:idleSeconds", "60")));
        batch.createJobQueue(b -> b.jobQueueName(queue).priority(1)
                .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(ce)));
        batch.registerJobDefinition(b -> b.jobDefinitionName(definition).type("container")
                .containerProperties(c -> c.command(command).vcpus(1).memory(256)));
    }

    @Override
    public void close() {
        sfn.close();
        batch.close();
        ecs.close();
        server.close();
    }
}
