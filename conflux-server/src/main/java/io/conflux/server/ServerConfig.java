package io.conflux.server;

import io.conflux.engine.interpreter.Limits;
import io.conflux.engine.registry.InMemoryRegistry;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * How a {@link ConfluxServer} runs: where it listens, the region and account its ARNs use, AWS's limits, and what
 * it runs on. Validated when built, then fixed.
 *
 * @param region the region of the ARNs the server creates (ARNs of any region are accepted as given)
 * @param accountId the account of the ARNs the server creates
 * @param maxRequestBytes the largest request body
 * @param maxPayloadBytes the largest execution input, task output and state payload (AWS: 256 KiB)
 * @param activityPollTimeout how long GetActivityTask waits for a task (AWS: 60 seconds)
 * @param syncExecutionTimeout how long StartSyncExecution waits (AWS: 5 minutes, the Express limit)
 * @param random routes executions of aliases between versions by weight
 * @param nodes processing nodes besides the server's own (activities, child executions), tried first
 * @param store the execution store (built once, when the server starts)
 * @param registry the control plane's registry (built once, when the server starts)
 * @param database the database of a durable server, or null when it keeps everything in memory; the store and the
 *     registry live in it unless given otherwise
 * @param nodeId this node's name among servers sharing a database: stable across restarts, unique among nodes
 * @param lease how long an execution stays with a node that stopped renewing before another takes it over
 * @param extensions parts that run inside the server beside the Step Functions API (functions, cluster, triggers)
 */
public record ServerConfig(
        String host,
        int port,
        String region,
        String accountId,
        int maxRequestBytes,
        int maxPayloadBytes,
        Duration activityPollTimeout,
        Duration syncExecutionTimeout,
        Clock clock,
        RandomGenerator random,
        List<ProcessingNode> nodes,
        Supplier<ExecutionStore> store,
        Supplier<Registry> registry,
        io.conflux.store.jdbc.Database database,
        String nodeId,
        Duration lease,
        List<ServerExtension> extensions) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public ServerConfig {
        nodes = List.copyOf(nodes);
        extensions = List.copyOf(extensions);
    }

    /** Whether executions survive the process (a database holds them). */
    public boolean durable() {
        return database != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ServerConfig}; each setter checks its value, {@link #build} the whole. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8083;
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private int maxRequestBytes = 4 * 1024 * 1024;
        private int maxPayloadBytes = Limits.AWS_PAYLOAD_BYTES;
        private Duration activityPollTimeout = Duration.ofSeconds(60);
        private Duration syncExecutionTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();
        private final List<ProcessingNode> nodes = new ArrayList<>();
        private Supplier<ExecutionStore> store;
        private Supplier<Registry> registry;
        private io.conflux.store.jdbc.Database database;
        private String nodeId = "local";
        private Duration lease = Duration.ofSeconds(30);
        private final List<ServerExtension> extensions = new ArrayList<>();

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 picks a free port (tests). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Expected a port from 0 to 65535, but got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder region(String region) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("Expected a region like us-east-1, but got '" + region + "'");
            }
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            if (!ACCOUNT.matcher(accountId).matches()) {
                throw new IllegalArgumentException("Expected a 12-digit account id, but got '" + accountId + "'");
            }
            this.accountId = accountId;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("Expected a request limit of at least 1024 bytes, but got " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 2) {
                throw new IllegalArgumentException("Expected a payload limit of at least 2 bytes, but got " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        public Builder activityPollTimeout(Duration d) {
            this.activityPollTimeout = positive(d, "activity poll timeout");
            return this;
        }

        public Builder syncExecutionTimeout(Duration d) {
            this.syncExecutionTimeout = positive(d, "synchronous execution timeout");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of alias routing decisions (shared by request threads: thread-safe); tests pass a seeded one. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** A processing node for resources the server does not serve itself (tests, embedding applications). */
        public Builder node(ProcessingNode node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        public Builder store(Supplier<ExecutionStore> store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder registry(Supplier<Registry> registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Keeps executions (and, unless given otherwise, the registry) in {@code database}: they survive restarts, and
         * servers sharing a PostgreSQL database share the work.
         */
        public Builder database(io.conflux.store.jdbc.Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        public Builder nodeId(String nodeId) {
            if (nodeId == null || !nodeId.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new IllegalArgumentException("Expected a node id of 1 to 128 letters, digits or ._:-, but got '"
                        + nodeId + "'");
            }
            this.nodeId = nodeId;
            return this;
        }

        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        public Builder extension(ServerExtension extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        public ServerConfig build() {
            if (maxRequestBytes < maxPayloadBytes) {
                throw new IllegalArgumentException("Expected the request limit (" + maxRequestBytes + " bytes) to "
                        + "hold the payload limit (" + maxPayloadBytes + " bytes)");
            }
            Supplier<ExecutionStore> s = store;
            if (s == null) {
                io.conflux.store.jdbc.Database db = database;
                String node = nodeId;
                Duration l = lease;
                s = db == null ? InMemoryStore::new : () -> new io.conflux.store.jdbc.JdbcExecutionStore(db, node, l);
            }
            Supplier<Registry> r = registry;
            if (r == null) {
                io.conflux.store.jdbc.Database db = database;
                r = db == null ? InMemoryRegistry::new : () -> RegistryOnDatabase.open(db);
            }
            return new ServerConfig(host, port, region, accountId, maxRequestBytes, maxPayloadBytes,
                    activityPollTimeout, syncExecutionTimeout, clock, random, nodes, s, r, database, nodeId, lease,
                    extensions);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Expected a positive " + what + ", but got " + d);
            }
            return d;
        }
    }
}
