package io.conflux.cluster;

import java.util.List;
import java.util.Map;

/**
 * Runs containers for the cluster: local processes, Kubernetes Jobs or Docker containers, chosen per compute
 * environment (and per ECS cluster). An executor starts a run and reports on it through {@link Events}, from any
 * thread; it never decides a job's fate (retries, timeouts and capacity belong to the scheduler).
 */
interface JobExecutor extends AutoCloseable {

    /** One run of one container: a job attempt, or a container of an ECS task. */
    record Launch(String runId, String name, String image, List<String> command, Map<String, String> environment,
            double vcpus, int memoryMiB, int gpus) {
        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** What happens to a run. Exactly one of {@link #exited} and {@link #failedToStart} ends it. */
    interface Events {
        /** The container runs (the process started, the pod is Running). */
        void running();

        /**
         * @param reason the container's reason when the executor knows one (e.g. {@code OutOfMemoryError: Container
         *     killed due to memory usage}), else null
         */
        void exited(int exitCode, String reason);

        /** The container never ran, e.g. {@code CannotPullContainerError: …}. */
        void failedToStart(String reason);
    }

    /** A run in progress. */
    interface Run {
        /** Stops it: SIGTERM, then SIGKILL after a grace period, as Batch and ECS stop containers. */
        void stop();
    }

    /** Why this executor cannot run anything now (no Docker engine, no cluster), or null when it can. */
    default String unavailable() {
        return null;
    }

    /** Starts a run. Must not block for long: the scheduler calls it for every placed job. */
    Run launch(Launch launch, Events events);

    /**
     * After a restart, takes up a run that was going on when the server stopped; null when the run died with the
     * server (local processes do).
     */
    default Run reattach(Launch launch, Events events) {
        return null;
    }

    /** The output (stdout and stderr) a run has written so far, or null when there is none. */
    String logs(String runId);

    @Override
    default void close() {}
}
