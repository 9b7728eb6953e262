package io.conflux.cli;

import io.conflux.cluster.ClusterExtension;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.functions.FunctionsConfig;
import io.conflux.functions.FunctionsExtension;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import io.conflux.server.ServerExtension;
import io.conflux.server.project.Project;
import io.conflux.server.project.ProjectSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code conflux run} with a project: an in-memory server on a loopback port of its own, with the project deployed
 * (its functions in a warm pool, its cluster resources, activities and state machines), so that a workflow calling
 * the project's functions and jobs runs on this machine as it would on a server. Nothing outlives the run. Schedules
 * and triggers are read but not started: a run is one execution.
 */
final class ProjectRun implements AutoCloseable {
    /** Sections of a project that would start executions of their own. */
    private static final List<String> NOT_STARTED = List.of("schedules", "triggers");

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
                .extension(new FunctionsExtension(FunctionsConfig.builder().build()))
                .extension(ClusterExtension.builder().build());
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
            Set<String> known = new HashSet<>(server.projectSections());
            known.addAll(NOT_STARTED);
            Project project = Project.read(projectFile, known);
            Map<String, ProjectSection> deployed = new LinkedHashMap<>(project.sections());
            List<String> applied = new ArrayList<>();
            for (String name : NOT_STARTED) {
                if (deployed.remove(name) != null) {
                    applied.add(name + ": not started by conflux run (conflux server starts them)");
                }
            }
            applied.addAll(0, server.deploy(new Project(project.file(), deployed)));
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
