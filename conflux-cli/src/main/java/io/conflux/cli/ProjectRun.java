package io.conflux.cli;

import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.functions.FunctionsConfig;
import io.conflux.functions.FunctionsExtension;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import io.conflux.server.ServerExtension;
import io.conflux.server.project.Project;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code conflux run} with a project: an in-memory server on a loopback port of its own, with the project deployed
 * (its functions in a warm pool, its activities and state machines), so that a workflow calling the project's
 * functions runs on this machine as it would on a server. Nothing outlives the run.
 */
final class ProjectRun implements AutoCloseable {
    private final ConfluxServer server;
    private final List<String> applied;

    private ProjectRun(ConfluxServer server, List<String> applied) {
        this.server = server;
        this.applied = applied;
    }

    /**
     * Starts the server and deploys the project.
     *
     * @param listener sees every step of the run (progress), or null
     * @throws io.conflux.server.project.ProjectException naming every problem of the project
     */
    static ProjectRun start(Path projectFile, EngineListener listener) throws InterruptedException {
        ServerConfig.Builder b = ServerConfig.builder().host("127.0.0.1").port(0)
                .extension(new FunctionsExtension(FunctionsConfig.builder().build()));
        if (listener != null) {
            b.extension(new ServerExtension() {
                @Override
                public String name() {
                    return "progress";
                }

                @Override
                public void configure(Setup setup) {
                    setup.listener(listener);
                }
            });
        }
        ConfluxServer server = ConfluxServer.start(b.build());
        try {
            List<String> applied = server.deploy(Project.read(projectFile, server.projectSections()));
            return new ProjectRun(server, applied);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** The project file that applies to a definition: the one given, or conflux.yaml beside the definition. */
    static Path locate(Path definition, Path given) {
        if (given != null) {
            return Project.locate(given);
        }
        Path dir = definition.toAbsolutePath().getParent();
        Path beside = dir == null ? null : dir.resolve(Project.FILE_NAME);
        return beside != null && java.nio.file.Files.isRegularFile(beside) ? beside : null;
    }

    List<String> applied() {
        return applied;
    }

    String resolve(String definition) {
        return server.resolveDefinition(definition);
    }

    Engine engine() {
        return server.engine();
    }

    @Override
    public void close() {
        server.close();
    }
}
