package io.conflux.cluster;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs each container with the Docker CLI ({@code docker run --rm}), which talks to whatever engine the CLI is set up
 * for (the local socket, {@code DOCKER_HOST}): the image and command of the job, {@code --cpus} and {@code --memory}
 * from its resources, its environment. The CLI's output is the container's, captured like a local process's; stopping
 * is {@code docker stop} with the grace period. Where no engine answers, {@link #unavailable} says why, and compute
 * environments using this executor are INVALID with that reason (their jobs wait in RUNNABLE, as on Batch).
 */
final class DockerExecutor implements JobExecutor {
    private final String docker;
    private final LocalExecutor processes;
    private final Duration killGrace;
    private volatile String unavailable;
    private volatile long checkedAt;

    /** @param docker the docker command: a name looked up on the PATH, or a path */
    DockerExecutor(String docker, LocalExecutor processes, Duration killGrace) {
        this.docker = docker;
        this.processes = processes;
        this.killGrace = killGrace;
    }

    /** Checked at most every 10 seconds: an engine may come up or go away while the server runs. */
    @Override
    public String unavailable() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > 10_000_000_000L) {
            unavailable = probe();
            checkedAt = now;
        }
        return unavailable;
    }

    private String probe() {
        String binary = locate();
        if (binary == null) {
            return "No Docker engine is reachable: the '" + docker + "' command is not on the PATH";
        }
        try {
            Process p = new ProcessBuilder(binary, "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "No Docker engine is reachable: 'docker version' did not answer within 5 seconds";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String first = out.lines().findFirst().orElse("exit code " + p.exitValue());
                return "No Docker engine is reachable: " + first;
            }
            return null;
        } catch (java.io.IOException e) {
            return "No Docker engine is reachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "No Docker engine is reachable: interrupted while asking it";
        }
    }

    private String locate() {
        if (docker.contains(File.separator)) {
            return Files.isExecutable(Path.of(docker)) ? docker : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, docker);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static String containerName(String runId) {
        return "conflux-" + runId.replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    /** The {@code docker run} command line of a launch. */
    List<String> argv(Launch l) {
        List<String> a = new ArrayList<>(List.of(docker, "run", "--rm", "--name", containerName(l.runId()),
                "--label", "conflux.run=" + l.runId()));
        if (l.vcpus() > 0) {
            a.add("--cpus");
            a.add(l.vcpus() == Math.rint(l.vcpus()) ? Long.toString((long) l.vcpus()) : Double.toString(l.vcpus()));
        }
        if (l.memoryMiB() > 0) {
            a.add("--memory");
            a.add(l.memoryMiB() + "m");
        }
        if (l.gpus() > 0) {
            a.add("--gpus");
            a.add(Integer.toString(l.gpus()));
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(l.environment()).entrySet()) {
            a.add("--env");
            a.add(e.getKey() + "=" + e.getValue());
        }
        a.add(l.image());
        a.addAll(l.command());
        return a;
    }

    @Override
    public Run launch(Launch l, Events events) {
        if (l.image() == null || l.image().isBlank()) {
            events.failedToStart("CannotStartContainerError: the docker executor runs an image, and this container "
                    + "names none");
            return () -> {};
        }
        String why = unavailable();
        if (why != null) {
            events.failedToStart("CannotStartContainerError: " + why);
            return () -> {};
        }
        // The engine enforces the memory limit (--memory); the local watch stays out of it.
        Run client = processes.start(argv(l), l, new Events() {
            @Override
            public void running() {
                events.running();
            }

            @Override
            public void exited(int exitCode, String reason) {
                // docker run exits with 125 when the daemon failed, 126/127 when the command could not be run.
                if (exitCode == 125) {
                    events.failedToStart("CannotStartContainerError: " + lastLine(l.runId()));
                } else {
                    events.exited(exitCode, exitCode == 137 && l.memoryMiB() > 0 ? null : reason);
                }
            }

            @Override
            public void failedToStart(String reason) {
                events.failedToStart(reason);
            }
        }, 0);
        return () -> {
            try {
                new ProcessBuilder(docker, "stop", "--time", Long.toString(killGrace.toSeconds()),
                        containerName(l.runId())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                client.stop();
            }
        };
    }

    private String lastLine(String runId) {
        String logs = processes.logs(runId);
        if (logs == null || logs.isBlank()) {
            return "docker run failed";
        }
        List<String> lines = logs.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Override
    public String logs(String runId) {
        return processes.logs(runId);
    }
}
