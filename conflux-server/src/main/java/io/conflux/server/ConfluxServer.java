package io.conflux.server;

import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.nodes.activities.ActivityNode;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.spi.TaskRequest;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Engine engine;
    private final ActivityNode activities;
    private final AwsJsonProtocol protocol;
    private final Javalin app;
    private int port;
    private boolean closed;

    private ConfluxServer(ServerConfig config) {
        this.config = config;
        Registry registry = config.registry().get();
        Catalog catalog = new Catalog(registry);
        Executions executions = new Executions(catalog, config.clock(), config.random(), config.maxPayloadBytes());
        this.activities = new ActivityNode(arn -> registry.activity(arn).isPresent(),
                r -> missingActivityCause(executions, r));
        TimedOutTokens timedOut = new TimedOutTokens();
        this.engine = EngineFactory.build(config, List.of(activities, new StartExecutionNode(executions)),
                List.of(timedOut));
        executions.bind(engine);

        TagApi tags = new TagApi(registry);
        Map<String, Operation> ops = new HashMap<>();
        new StateMachineApi(catalog, tags, config.clock(), config).register(ops);
        new AliasApi(registry, config.clock()).register(ops);
        new ExecutionApi(executions, catalog, config).register(ops);
        new ActivityApi(registry, activities, tags, config.clock(), config).register(ops);
        new TaskTokenApi(executions, timedOut, config).register(ops);
        tags.register(ops);
        this.protocol = new AwsJsonProtocol(ops, config.maxRequestBytes());

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = config.maxRequestBytes();
            c.routes.post("/", protocol::handle);
            c.routes.exception(Exception.class, protocol::failed);
            c.routes.error(404, "*", protocol::notFound);
            c.routes.error(405, "*", protocol::notFound);
        });
    }

    /** Starts a server; it serves when this returns. */
    public static ConfluxServer start(ServerConfig config) {
        ConfluxServer s = new ConfluxServer(config);
        try {
            s.app.start();
            s.port = s.app.port();
        } catch (RuntimeException e) {
            s.engine.close();
            throw e;
        }
        return s;
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
        engine.close();
    }
}
