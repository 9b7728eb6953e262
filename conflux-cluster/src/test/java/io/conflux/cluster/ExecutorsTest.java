package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local processes for real, and the Docker executor as far as it can be tested without an engine. */
class ExecutorsTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        timer.shutdownNow();
    }

    private LocalExecutor local() {
        return new LocalExecutor(dir, Duration.ofMillis(300), timer, new MemoryWatch(timer, 50));
    }

    private JobExecutor.Events recorder() {
        return new JobExecutor.Events() {
            @Override
            public void running() {
                events.add("running");
            }

            @Override
            public void exited(int exitCode, String reason) {
                events.add("exited " + exitCode + (reason == null ? "" : " " + reason));
            }

            @Override
            public void failedToStart(String reason) {
                events.add("failedToStart " + reason);
            }
        };
    }

    private static JobExecutor.Launch launch(String id, int memoryMiB, String... command) {
        return new JobExecutor.Launch(id, "test", null, List.of(command), Map.of("GREETING", "hello"), 1, memoryMiB,
                0);
    }

    @Test
    void a_local_run_gets_its_environment_and_its_output_is_captured() {
        LocalExecutor ex = local();
        ex.launch(launch("a-1", 0, "sh", "-c", "echo $GREETING; echo oops >&2; exit 2"), recorder());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).containsExactly("running", "exited 2");
        assertThat(ex.logs("a-1")).isEqualTo("hello\noops\n");
    }

    @Test
    void stopping_a_local_run_sends_sigterm_then_kills_what_ignores_it() {
        LocalExecutor ex = local();
        JobExecutor.Run polite = ex.launch(launch("p-1", 0, "sleep", "30"), recorder());
        JobExecutor.Run stubborn = ex.launch(launch("s-1", 0, "sh", "-c", "trap '' TERM; sleep 30 & wait; sleep 30"),
                recorder());
        polite.stop();
        stubborn.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 4);
        assertThat(events).contains("exited 143", "exited 137");
    }

    @Test
    void a_local_run_over_its_memory_is_killed_with_batchs_out_of_memory_reason() {
        LocalExecutor ex = local();
        ex.launch(launch("m-1", 20, "python3", "-c", "import time; x = bytearray(200 * 1024 * 1024); time.sleep(20)"),
                recorder());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 2);
        assertThat(events).containsExactly("running", "exited 137 OutOfMemoryError: Container killed due to memory usage");
    }

    @Test
    void a_container_without_a_command_cannot_run_locally() {
        local().launch(launch("n-1", 0), recorder());
        assertThat(events).singleElement().asString().startsWith("failedToStart CannotStartContainerError: the local "
                + "executor runs a command");
    }

    @Test
    void without_a_docker_engine_the_docker_executor_says_so_and_runs_nothing() {
        DockerExecutor ex = new DockerExecutor("/nonexistent/docker", local(), Duration.ofSeconds(1));
        assertThat(ex.unavailable()).isEqualTo("No Docker engine is reachable: the '/nonexistent/docker' command is "
                + "not on the PATH");
        ex.launch(new JobExecutor.Launch("d-1", "x", "alpine:3", List.of("true"), Map.of(), 1, 64, 0), recorder());
        assertThat(events).singleElement().asString().startsWith("failedToStart CannotStartContainerError: No Docker");
    }

    @Test
    void a_docker_client_that_finds_no_engine_reports_the_clients_own_words() throws Exception {
        Path fake = dir.resolve("docker");
        java.nio.file.Files.writeString(fake, "#!/bin/sh\necho 'Cannot connect to the Docker daemon at "
                + "unix:///var/run/docker.sock. Is the docker daemon running?' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        DockerExecutor ex = new DockerExecutor(fake.toString(), local(), Duration.ofSeconds(1));
        assertThat(ex.unavailable()).isEqualTo("No Docker engine is reachable: Cannot connect to the Docker daemon at "
                + "unix:///var/run/docker.sock. Is the docker daemon running?");
    }

    @Test
    void a_docker_run_carries_the_image_command_resources_and_environment() {
        DockerExecutor ex = new DockerExecutor("docker", local(), Duration.ofSeconds(1));
        assertThat(ex.argv(new JobExecutor.Launch("job:1-2", "x", "alpine:3", List.of("echo", "hi"),
                Map.of("B", "2", "A", "1"), 0.5, 512, 1))).containsExactly("docker", "run", "--rm", "--name",
                "conflux-job-1-2", "--label", "conflux.run=job:1-2", "--cpus", "0.5", "--memory", "512m", "--gpus",
                "1", "--env", "A=1", "--env", "B=2", "alpine:3", "echo", "hi");
    }

    @Test
    void a_compute_environment_on_docker_without_an_engine_is_invalid_with_the_reason() {
        try (ClusterServer s = new ClusterServer(ClusterExtension.builder().docker("/nonexistent/docker")
                .logDir(dir).build())) {
            s.batch.createComputeEnvironment(b -> b.computeEnvironmentName("containers").type("MANAGED")
                    .computeResources(r -> r.type("EC2").minvCpus(0).maxvCpus(2).subnets("s"))
                    .tags(Map.of("conflux:executor", "docker")));
            var ce = s.batch.describeComputeEnvironments(b -> b.computeEnvironments("containers"))
                    .computeEnvironments().get(0);
            assertThat(ce.statusAsString()).isEqualTo("INVALID");
            assertThat(ce.statusReason()).isEqualTo("No Docker engine is reachable: the '/nonexistent/docker' "
                    + "command is not on the PATH");
        }
    }
}
