package io.conflux.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes executor against fabric8's mock API server in CRUD mode. Nothing runs pods there, so the test plays
 * the Job controller and the kubelet: it creates the Job's pod and moves it through its phases.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String NS = "jobs";
    private final KubernetesExecutor executor = new KubernetesExecutor(client, NS,
            Executors.newVirtualThreadPerTaskExecutor());
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        executor.close();
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

    private static JobExecutor.Launch launch(String runId) {
        return new JobExecutor.Launch(runId, "resize", "alpine:3", List.of("sh", "-c", "echo hi"),
                Map.of("FILE", "a.png"), 0.5, 256, 1);
    }

    /** The pod the Job controller would make, in a phase, with the container's state. */
    private static Pod pod(String job, String phase, Integer exitCode, String reason) {
        var status = new ContainerStatusBuilder().withName(KubernetesExecutor.CONTAINER);
        if (exitCode != null) {
            status.withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).withReason(reason)
                    .endTerminated().build());
        } else {
            status.withState(new ContainerStateBuilder().withNewRunning().endRunning().build());
        }
        return new PodBuilder().withNewMetadata().withName(job + "-abcde").withNamespace(NS)
                .addToLabels(KubernetesExecutor.MANAGED_BY, "conflux").addToLabels(KubernetesExecutor.RUN_LABEL, job)
                .endMetadata().withNewStatus().withPhase(phase).withContainerStatuses(status.build()).endStatus()
                .build();
    }

    @Test
    void a_run_becomes_a_job_whose_pod_is_watched_to_its_end_then_its_log_is_kept_and_the_job_deleted() {
        executor.launch(launch("4f1c-1"), recorder());
        String name = KubernetesExecutor.jobName("4f1c-1");
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
        assertThat(job).isNotNull();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        var spec = job.getSpec().getTemplate().getSpec();
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        var c = spec.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("alpine:3");
        assertThat(c.getCommand()).containsExactly("sh", "-c", "echo hi");
        assertThat(c.getEnv().get(0).getName()).isEqualTo("FILE");
        assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(c.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");

        client.pods().inNamespace(NS).resource(pod(name, "Running", null, null)).create();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("running"));

        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "-abcde/log?pretty=false")
                .andReturn(200, "resized a.png\n").always();
        client.pods().inNamespace(NS).resource(pod(name, "Succeeded", 0, "Completed")).update();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("exited 0"));
        assertThat(executor.logs("4f1c-1")).isEqualTo("resized a.png\n");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> client.batch().v1().jobs().inNamespace(NS).withName(name).get() == null);
        assertThat(events).containsExactly("running", "exited 0");
    }

    @Test
    void a_pod_killed_for_its_memory_reports_batchs_out_of_memory_reason() {
        executor.launch(launch("oom-1"), recorder());
        String name = KubernetesExecutor.jobName("oom-1");
        client.pods().inNamespace(NS).resource(pod(name, "Failed", 137, "OOMKilled")).create();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).containsExactly("running",
                "exited 137 OutOfMemoryError: Container killed due to memory usage");
    }

    @Test
    void stopping_a_run_deletes_its_job_and_pod() {
        JobExecutor.Run run = executor.launch(launch("stop-1"), recorder());
        String name = KubernetesExecutor.jobName("stop-1");
        client.pods().inNamespace(NS).resource(pod(name, "Running", null, null)).create();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("running"));
        run.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("exited 137"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(name).get()).isNull();
        assertThat(client.pods().inNamespace(NS).withLabel(KubernetesExecutor.RUN_LABEL, name).list().getItems())
                .isEmpty();
    }

    @Test
    void a_run_is_taken_up_again_after_a_restart_and_one_that_ended_meanwhile_reports_at_once() {
        // What a server that stopped left behind: its Job, which went on in the cluster, and the Job's pod, which
        // ended while nobody watched. (Made here rather than by launching and closing an executor: fabric8's mock
        // server stalls its event loop for a minute when a watch closes while it is sending that watch an event.)
        client.batch().v1().jobs().inNamespace(NS).resource(executor.job(launch("again-1"))).create();
        String name = KubernetesExecutor.jobName("again-1");
        client.pods().inNamespace(NS).resource(pod(name, "Succeeded", 0, "Completed")).create();
        KubernetesExecutor restarted = new KubernetesExecutor(client, NS, Runnable::run);
        try {
            assertThat(restarted.reattach(launch("again-1"), recorder())).isNotNull();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("exited 0"));
            assertThat(restarted.reattach(launch("never-1"), recorder())).isNull();
            // The ended run's Job and pod are deleted; let that settle before the watch closes (see above).
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.pods().inNamespace(NS)
                    .withLabel(KubernetesExecutor.RUN_LABEL, name).list().getItems().isEmpty());
        } finally {
            restarted.close();
        }
    }

    @Test
    void a_job_without_an_image_never_reaches_kubernetes() {
        executor.launch(new JobExecutor.Launch("noimage-1", "x", null, List.of("true"), Map.of(), 1, 0, 0),
                recorder());
        assertThat(events).singleElement().asString().startsWith("failedToStart CannotStartContainerError");
        assertThat(KubernetesExecutor.jobName("A:b_c-" + "x".repeat(80))).hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9-]+");
    }
}
