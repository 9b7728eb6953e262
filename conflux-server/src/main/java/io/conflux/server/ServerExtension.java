package io.conflux.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.store.jdbc.Database;
import io.javalin.config.RoutesConfig;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A part of Conflux that runs inside the server beside the Step Functions API: functions (the Lambda API and its
 * processing node), the cluster (Batch and ECS), schedules and triggers. The server composes its extensions
 * explicitly (no scanning): {@code conflux server} lists them in one place.
 *
 * <p>Life cycle: {@link #configure} once, before the engine is built (processing nodes, routes, JSON services);
 * {@link #started} once the server serves and has resumed its executions; {@link #close} when it stops, before the
 * engine closes. An extension maps its own failures to its own responses; anything that escapes a route is answered
 * as an internal failure.
 */
public interface ServerExtension extends AutoCloseable {

    /** A short name for logs and messages, e.g. {@code functions}. */
    String name();

    /** Adds what the extension serves and runs. */
    void configure(Setup setup);

    /** The server serves: start background work (pools, schedulers, consumers) here. */
    default void started(ServerContext context) {}

    /** The sections of a project file ({@code conflux.yaml}) this extension owns, e.g. {@code functions}. */
    default java.util.Set<String> projectSections() {
        return java.util.Set.of();
    }

    /**
     * Creates or updates what a section of a project declares (called on a running server, for {@code conflux
     * deploy} and {@code conflux server --project}). Idempotent: applying the same section twice changes nothing.
     * During {@code conflux deploy} the project's folder is temporary: copy any file you keep (function code).
     *
     * @return one line per thing created, updated or left as it was, for the person deploying
     * @throws io.conflux.server.project.ProjectException naming every problem in the section
     */
    default java.util.List<String> apply(io.conflux.server.project.ProjectSection section, ServerContext context) {
        throw new UnsupportedOperationException(name() + " declares no project sections");
    }

    /**
     * Resolves this extension's references in a definition being deployed from a project (e.g. functions turn
     * {@code ${function:NAME}} into the function's ARN), so the state machine holds what AWS would run.
     */
    default String resolveDefinition(String definition) {
        return definition;
    }

    @Override
    default void close() {}

    /** What an extension can add to the server while it is being built. */
    interface Setup {
        ServerConfig config();

        Registry registry();

        /** The database of a durable server (H2 or PostgreSQL); empty when the server keeps everything in memory. */
        Optional<Database> database();

        /** A processing node for Task states (tried before the server's own). */
        void node(ProcessingNode node);

        /** Observes committed steps of every execution. */
        void listener(EngineListener listener);

        /** HTTP routes beside {@code POST /} (REST APIs such as Lambda's {@code /2015-03-31/functions}). */
        void routes(Consumer<RoutesConfig> routes);

        /**
         * An AWS JSON-protocol service on {@code POST /}, chosen by the prefix of its {@code X-Amz-Target} (e.g.
         * {@code AmazonEC2ContainerServiceV20141113.}); it answers with {@link JsonService.Failure} for errors.
         */
        void jsonService(String targetPrefix, JsonService service);
    }

    /** One AWS JSON-protocol service: an operation name and its input in, its output out. */
    @FunctionalInterface
    interface JsonService {
        ObjectNode handle(String operation, ObjectNode input) throws Exception;

        /** An expected failure: answered with HTTP 400 and {@code {"__type": type, "message": message}}. */
        final class Failure extends RuntimeException {
            private final String type;

            public Failure(String type, String message) {
                super(message, null, false, false);
                this.type = type;
            }

            public String type() {
                return type;
            }
        }
    }
}
