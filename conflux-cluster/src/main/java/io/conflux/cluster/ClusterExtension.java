package io.conflux.cluster;

import io.conflux.server.ServerContext;
import io.conflux.server.ServerExtension;
import io.conflux.server.project.ProjectSection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The on-demand cluster inside the server: AWS Batch's REST API ({@code /v1/submitjob} …), ECS's JSON API
 * ({@code AmazonEC2ContainerServiceV20141113.*}), the Task resources {@code arn:aws:states:::batch:submitJob} and
 * {@code arn:aws:states:::ecs:runTask} (request-response, {@code .sync}, {@code .waitForTaskToken}), and the project
 * sections {@code computeEnvironments}, {@code jobQueues}, {@code jobDefinitions}, {@code clusters} and
 * {@code taskDefinitions}. Jobs run as local processes unless a compute environment (or ECS cluster) asks for
 * Kubernetes or Docker. On a durable server jobs live in its database, so a restarted server finds them.
 *
 * <pre>
 * ConfluxServer.start(ServerConfig.builder().extension(ClusterExtension.builder().build()).build());
 * </pre>
 */
public final class ClusterExtension implements ServerExtension {
    private final Clock clock;
    private final boolean manual;
    private final Duration schedulerPeriod;
    private final Duration killGrace;
    private final Path logDir;
    private final Supplier<KubernetesClient> kubernetes;
    private final String docker;

    private ScheduledExecutorService timer;
    private LocalExecutor local;
    private DockerExecutor dockerExecutor;
    private KubernetesClient kubernetesClient;
    private final Map<String, JobExecutor> kubernetesExecutors = new ConcurrentHashMap<>();
    private Batch batch;
    private Ecs ecs;
    private ClusterSections sections;

    private ClusterExtension(Builder b) {
        this.clock = b.clock;
        this.manual = b.manual;
        this.schedulerPeriod = b.schedulerPeriod;
        this.killGrace = b.killGrace;
        this.logDir = b.logDir;
        this.kubernetes = b.kubernetes;
        this.docker = b.docker;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public void configure(Setup setup) {
        var config = setup.config();
        Arns arns = new Arns(config.region(), config.accountId());
        ClusterStore store = setup.database().map(ClusterStore::on).orElse(ClusterStore.NONE);
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("conflux-cluster-timer").unstarted(r));
        Path logs = logDir;
        if (logs == null) {
            try {
                logs = Files.createTempDirectory("conflux-cluster-logs");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not make a folder for job logs", e);
            }
        }
        local = new LocalExecutor(logs, killGrace, timer, new MemoryWatch(timer, 200));
        dockerExecutor = new DockerExecutor(docker, local, killGrace);
        batch = new Batch(clock, new BatchResources(arns, store), store, this::executor, config.nodeId());
        ecs = new Ecs(clock, arns, store, this::executor, config.nodeId());
        // Before the engine recovers its executions: their .sync tasks look their jobs up when they resume.
        batch.recover();
        ecs.recover();
        sections = new ClusterSections(batch, ecs);
        setup.node(new ClusterNode(batch, ecs));
        BatchApi api = new BatchApi(batch, ecs);
        setup.routes(api::routes);
        setup.jsonService(EcsApi.TARGET_PREFIX, new EcsApi(ecs));
    }

    private JobExecutor executor(ExecutorSpec spec) {
        return switch (spec.kind()) {
            case LOCAL -> local;
            case DOCKER -> dockerExecutor;
            case KUBERNETES -> kubernetesExecutors.computeIfAbsent(spec.namespace(), this::kubernetesExecutor);
        };
    }

    private JobExecutor kubernetesExecutor(String namespace) {
        try {
            synchronized (this) {
                if (kubernetesClient == null) {
                    kubernetesClient = kubernetes.get();
                }
            }
            return new KubernetesExecutor(kubernetesClient, namespace, Executors.newVirtualThreadPerTaskExecutor());
        } catch (RuntimeException e) {
            String why = "No Kubernetes cluster is reachable: " + e.getMessage();
            return new JobExecutor() {
                @Override
                public String unavailable() {
                    return why;
                }

                @Override
                public Run launch(Launch launch, Events events) {
                    events.failedToStart("CannotStartContainerError: " + why);
                    return () -> {};
                }

                @Override
                public String logs(String runId) {
                    return null;
                }
            };
        }
    }

    @Override
    public void started(ServerContext context) {
        if (!manual) {
            batch.startLoop(schedulerPeriod);
        }
    }

    @Override
    public Set<String> projectSections() {
        return ClusterSections.NAMES;
    }

    @Override
    public List<String> apply(ProjectSection section, ServerContext context) {
        return sections.apply(section);
    }

    /** Stops scheduling, then local runs (they end as on a terminated host), then the executors. */
    @Override
    public void close() {
        if (batch != null) {
            batch.close();
            ecs.close();
        }
        kubernetesExecutors.values().forEach(JobExecutor::close);
        if (kubernetesClient != null) {
            kubernetesClient.close();
        }
        if (timer != null) {
            timer.shutdown();
        }
    }

    // ---- for tests in this package -----------------------------------------------------------------------------

    /** One scheduler round, as the background loop runs it (tests with a manual clock call it by hand). */
    void tick() {
        batch.tick();
    }

    Capacity.View capacity(String computeEnvironment) {
        return batch.capacityView(computeEnvironment);
    }

    Batch batch() {
        return batch;
    }

    Ecs ecs() {
        return ecs;
    }

    /** Builds a {@link ClusterExtension}; each setter checks its value. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private boolean manual;
        private Duration schedulerPeriod = Duration.ofSeconds(1);
        private Duration killGrace = Duration.ofSeconds(30);
        private Path logDir;
        private Supplier<KubernetesClient> kubernetes = () -> new KubernetesClientBuilder().build();
        private String docker = "docker";

        /** The clock of the scheduler and the scaler (timeouts, idle delays, job dates); tests pass a manual one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** No background scheduler: nothing is placed until the scheduler is stepped by hand (tests). */
        public Builder manual() {
            this.manual = true;
            return this;
        }

        /** How often the background scheduler looks for timeouts and idle capacity when nothing wakes it. */
        public Builder schedulerPeriod(Duration period) {
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("Expected a positive scheduler period, but got " + period);
            }
            this.schedulerPeriod = period;
            return this;
        }

        /** How long a stopped container gets between SIGTERM and SIGKILL (Batch and ECS: 30 seconds). */
        public Builder killGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("Expected a kill grace of 0 or more, but got " + grace);
            }
            this.killGrace = grace;
            return this;
        }

        /** Where the output of local and Docker runs is kept (default: a temporary folder). */
        public Builder logDir(Path dir) {
            this.logDir = Objects.requireNonNull(dir, "logDir");
            return this;
        }

        /** The Kubernetes client (default: from the kubeconfig, made when a compute environment first needs it). */
        public Builder kubernetes(Supplier<KubernetesClient> client) {
            this.kubernetes = Objects.requireNonNull(client, "kubernetes");
            return this;
        }

        /** The docker command (default {@code docker} on the PATH). */
        public Builder docker(String command) {
            this.docker = Objects.requireNonNull(command, "docker");
            return this;
        }

        public ClusterExtension build() {
            return new ClusterExtension(this);
        }
    }
}
