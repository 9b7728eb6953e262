package io.conflux.server;

import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.nodes.activities.ActivityNode;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.server.project.Project;
import io.conflux.server.project.ProjectSection;
import io.conflux.store.jdbc.Database;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Step Functions API over HTTP: the JSON 1.0 protocol on {@code POST /}, so that the AWS SDKs and the AWS
 * CLI work against it unchanged (with an endpoint override). Start it with {@link #start}; {@link #close} stops it
 * in order: stop accepting connections, answer the requests in flight, then close the engine.
 */
public final class ConfluxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfluxServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Registry registry;
    private final Executions executions;
    private final Engine engine;
    private final List<ServerExtension> extensions;
    private final Map<String, Operation> operations = new HashMap<>();
    private int resumed;
    private final ActivityNode activities;
    private final AwsJsonProtocol protocol;
    private final Javalin app;
    private int port;
    private boolean closed;

    /** What the extensions added while the server was built. */
    private static final class Setup implements ServerExtension.Setup {
        final ServerConfig config;
        final Registry registry;
        final List<ProcessingNode> nodes = new ArrayList<>();
        final List<EngineListener> listeners = new ArrayList<>();
        final List<Consumer<RoutesConfig>> routes = new ArrayList<>();
        final Map<String, ServerExtension.JsonService> services = new LinkedHashMap<>();

        Setup(ServerConfig config, Registry registry) {
            this.config = config;
            this.registry = registry;
        }

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public Optional<Database> database() {
            return Optional.ofNullable(config.database());
        }

        @Override
        public void node(ProcessingNode node) {
            nodes.add(node);
        }

        @Override
        public void listener(EngineListener listener) {
            listeners.add(listener);
        }

        @Override
        public void routes(Consumer<RoutesConfig> r) {
            routes.add(r);
        }

        @Override
        public void jsonService(String targetPrefix, ServerExtension.JsonService service) {
            if (services.putIfAbsent(targetPrefix, service) != null) {
                throw new IllegalStateException("Expected one service per X-Amz-Target prefix, but two claim "
                        + targetPrefix);
            }
        }
    }

    private ConfluxServer(ServerConfig config) {
        this.config = config;
        this.registry = config.registry().get();
        Catalog catalog = new Catalog(registry);
        this.executions = new Executions(catalog, config.clock(), config.random(), config.maxPayloadBytes());
        this.activities = new ActivityNode(arn -> registry.activity(arn).isPresent(),
                r -> missingActivityCause(executions, r));
        TimedOutTokens timedOut = new TimedOutTokens();
        this.extensions = config.extensions();
        Setup setup = new Setup(config, registry);
        for (ServerExtension e : extensions) {
            e.configure(setup);
        }
        List<ProcessingNode> nodes = new ArrayList<>(setup.nodes);
        nodes.add(activities);
        nodes.add(new StartExecutionNode(executions));
        List<EngineListener> listeners = new ArrayList<>(setup.listeners);
        listeners.add(timedOut);
        this.engine = EngineFactory.build(config, nodes, listeners);
        executions.bind(engine);

        TagApi tags = new TagApi(registry);
        Map<String, Operation> ops = operations;
        new StateMachineApi(catalog, tags, config.clock(), config).register(ops);
        new AliasApi(registry, config.clock()).register(ops);
        RedriveApi redrives = new RedriveApi(executions, catalog, config.clock());
        new ExecutionApi(executions, catalog, redrives, config).register(ops);
        redrives.register(ops);
        new ActivityApi(registry, activities, tags, config.clock(), config).register(ops);
        new TaskTokenApi(executions, timedOut, config).register(ops);
        List<ProcessingNode> allNodes = new ArrayList<>(config.nodes());
        allNodes.addAll(nodes);
        new TestStateApi(config, allNodes).register(ops);
        tags.register(ops);
        this.protocol = new AwsJsonProtocol(ops, setup.services, config.maxRequestBytes());

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = config.maxRequestBytes();
            c.routes.post("/", protocol::handle);
            c.routes.post(DeployRoute.PATH, new DeployRoute(this)::handle);
            setup.routes.forEach(r -> r.accept(c.routes));
            c.routes.exception(Exception.class, protocol::failed);
            // Requests no route answered; an extension's own JSON 404 (a missing function, say) keeps its body.
            c.routes.error(404, "*", ctx -> {
                String contentType = ctx.res().getContentType();
                if (contentType == null || !contentType.contains("json")) {
                    protocol.notFound(ctx);
                }
            });
            c.routes.error(405, "*", protocol::notFound);
        });
    }

    /**
     * Starts a server; it serves when this returns. A durable server first resumes the executions its database
     * holds (its own after a restart; then, in the background, those of nodes that stopped renewing).
     */
    public static ConfluxServer start(ServerConfig config) {
        ConfluxServer s = new ConfluxServer(config);
        try {
            s.resumed = s.engine.recover();
            s.app.start();
            s.port = s.app.port();
            s.engine.startBackground();
            ServerContext context = s.context();
            for (ServerExtension e : s.extensions) {
                e.started(context);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** How many executions the server resumed when it started. */
    public int resumed() {
        return resumed;
    }

    private ServerContext context() {
        return new ServerContext() {
            @Override
            public ServerConfig config() {
                return config;
            }

            @Override
            public Engine engine() {
                return engine;
            }

            @Override
            public Registry registry() {
                return registry;
            }

            @Override
            public String endpoint() {
                return ConfluxServer.this.endpoint();
            }

            @Override
            public Started startExecution(String stateMachineArn, String name, String input) {
                Executions.Started s = executions.start(stateMachineArn, name, input, false);
                return new Started(s.executionArn(), s.startDate());
            }

            @Override
            public String resolveDefinition(String definition) {
                return ConfluxServer.this.resolveDefinition(definition);
            }

            @Override
            public ObjectNode call(String operation, ObjectNode input) throws InterruptedException {
                Operation op = operations.get(operation);
                if (op == null) {
                    throw new IllegalArgumentException("Expected an operation of the API, but got " + operation);
                }
                Request r = new Request(input.deepCopy());
                return op.handle(r);
            }
        };
    }

    /** A definition with every extension's references resolved, as a project deploys it. */
    public String resolveDefinition(String definition) {
        String d = definition;
        for (ServerExtension e : extensions) {
            d = e.resolveDefinition(d);
        }
        return d;
    }

    /** The order sections are applied in: what others refer to first (functions before the workflows using them). */
    private static final List<String> SECTION_ORDER = List.of("functions", "computeEnvironments", "jobQueues",
            "jobDefinitions", "clusters", "taskDefinitions", CoreProjectSections.ACTIVITIES,
            CoreProjectSections.STATE_MACHINES, "schedules", "triggers");

    /** Every section a project file may have on this server. */
    public java.util.Set<String> projectSections() {
        java.util.Set<String> all = new java.util.TreeSet<>(List.of(CoreProjectSections.STATE_MACHINES,
                CoreProjectSections.ACTIVITIES));
        for (ServerExtension e : extensions) {
            all.addAll(e.projectSections());
        }
        return all;
    }

    /**
     * Creates or updates everything a project declares. Sections are applied in dependency order; the first section
     * that fails stops the deployment with every problem it found.
     *
     * @return one line per thing created, updated or left as it was
     */
    public List<String> deploy(Project project) throws InterruptedException {
        List<String> done = new ArrayList<>();
        List<String> names = new ArrayList<>(project.sections().keySet());
        names.sort(java.util.Comparator.comparingInt(n -> {
            int i = SECTION_ORDER.indexOf(n);
            return i < 0 ? SECTION_ORDER.size() : i;
        }));
        ServerContext ctx = context();
        for (String name : names) {
            ProjectSection section = project.sections().get(name);
            if (name.equals(CoreProjectSections.STATE_MACHINES) || name.equals(CoreProjectSections.ACTIVITIES)) {
                done.addAll(CoreProjectSections.apply(section, ctx));
                continue;
            }
            for (ServerExtension e : extensions) {
                if (e.projectSections().contains(name)) {
                    done.addAll(e.apply(section, ctx));
                }
            }
        }
        return done;
    }

    /** The port it listens on (the one picked when the configuration said 0). */
    public int port() {
        return port;
    }

    /** The URL to give an AWS SDK or the AWS CLI as the endpoint. */
    public String endpoint() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** The engine the server runs executions on. */
    public Engine engine() {
        return engine;
    }

    /**
     * AWS's cause for a task whose activity does not exist names the event at which the state was entered; the
     * state's TaskStateEntered is the last one recorded for it when its task starts.
     */
    private static String missingActivityCause(Executions executions, TaskRequest r) {
        List<HistoryEvent> history = executions.engine().history(r.executionArn());
        long entered = 0;
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEvent e = history.get(i);
            if (e.details() instanceof EventDetails.StateEntered s && s.name().equals(r.stateName())) {
                entered = e.id();
                break;
            }
        }
        return "An error occurred while executing the state '" + r.stateName() + "' (entered at the event id #"
                + entered + "). The activity " + r.resource() + " does not exist.";
    }

    /** Stops accepting connections, answers the requests in flight (long polls end at once), closes the engine. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof NetworkConnector nc) {
                nc.close();
            }
        }
        activities.close();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (protocol.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (protocol.inFlight() > 0) {
            LOG.warn("Closing with {} requests still in flight after {}", protocol.inFlight(), DRAIN);
        }
        app.stop();
        // Extensions stop before the engine, newest first: nothing starts executions any more when it closes.
        for (int i = extensions.size() - 1; i >= 0; i--) {
            try {
                extensions.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Extension {} failed to close", extensions.get(i).name(), e);
            }
        }
        engine.close();
    }
}
