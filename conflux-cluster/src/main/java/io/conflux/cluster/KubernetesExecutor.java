package io.conflux.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each container as a Kubernetes Job (batch/v1) in one namespace, through the fabric8 client: one pod, no
 * retries of its own ({@code backoffLimit: 0}, {@code restartPolicy: Never}: retries are Batch's), the image,
 * command and environment of the run, CPU and memory as requests and limits, GPUs as {@code nvidia.com/gpu}. One
 * watch on the namespace's Conflux pods reports their phases; when a pod ends, its log is kept and its Job deleted.
 * Runs survive a restart of the server: {@link #reattach} finds the Job again.
 */
final class KubernetesExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesExecutor.class);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String RUN_LABEL = "conflux.io/run";
    static final String CONTAINER = "main";

    private final KubernetesClient client;
    private final String namespace;
    private final Executor background;
    private final Map<String, Tracked> runs = new ConcurrentHashMap<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private Watch watch;
    private volatile boolean closed;

    private static final class Tracked {
        final Events events;
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean ended = new AtomicBoolean();

        Tracked(Events events) {
            this.events = events;
        }
    }

    KubernetesExecutor(KubernetesClient client, String namespace, Executor background) {
        this.client = client;
        this.namespace = namespace;
        this.background = background;
    }

    /** A name Kubernetes takes (DNS-1123: lower case, digits and '-', at most 63 characters). */
    static String jobName(String runId) {
        String n = "conflux-" + runId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return n.replaceAll("-+$", "");
    }

    /** The Job a launch becomes. */
    Job job(Launch l) {
        String name = jobName(l.runId());
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(l.environment()).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        Map<String, Quantity> limits = new TreeMap<>();
        if (l.vcpus() > 0) {
            limits.put("cpu", new Quantity(Long.toString(Math.round(l.vcpus() * 1000)) + "m"));
        }
        if (l.memoryMiB() > 0) {
            limits.put("memory", new Quantity(l.memoryMiB() + "Mi"));
        }
        if (l.gpus() > 0) {
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(l.gpus())));
        }
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(MANAGED_BY, "conflux").addToLabels(RUN_LABEL, name)
                .addToAnnotations("conflux.io/run-id", l.runId()).addToAnnotations("conflux.io/name", l.name())
                .endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().addToLabels(MANAGED_BY, "conflux").addToLabels(RUN_LABEL, name).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(CONTAINER).withImage(l.image())
                .withCommand(l.command().isEmpty() ? null : l.command()).withEnv(env)
                .withNewResources().withRequests(limits).withLimits(limits).endResources()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    @Override
    public Run launch(Launch l, Events events) {
        if (l.image() == null || l.image().isBlank()) {
            events.failedToStart("CannotStartContainerError: the kubernetes executor runs an image, and this "
                    + "container names none");
            return () -> {};
        }
        String name = jobName(l.runId());
        runs.put(name, new Tracked(events));
        try {
            ensureWatch();
            client.batch().v1().jobs().inNamespace(namespace).resource(job(l)).create();
        } catch (RuntimeException e) {
            runs.remove(name);
            events.failedToStart("CannotStartContainerError: Kubernetes refused the Job " + name + ": "
                    + e.getMessage());
            return () -> {};
        }
        return () -> stop(name);
    }

    @Override
    public Run reattach(Launch l, Events events) {
        String name = jobName(l.runId());
        Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            return null;
        }
        runs.put(name, new Tracked(events));
        ensureWatch();
        // The pod may have ended while nobody watched: look at it now.
        for (Pod p : client.pods().inNamespace(namespace).withLabel(RUN_LABEL, name).list().getItems()) {
            onPod(Watcher.Action.MODIFIED, p);
        }
        return () -> stop(name);
    }

    private void stop(String name) {
        background.execute(() -> {
            try {
                client.batch().v1().jobs().inNamespace(namespace).withName(name).withPropagationPolicy(
                        io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
                client.pods().inNamespace(namespace).withLabel(RUN_LABEL, name).delete();
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the Kubernetes Job {}", name, e);
            }
        });
    }

    private synchronized void ensureWatch() {
        if (watch != null || closed) {
            return;
        }
        watch = client.pods().inNamespace(namespace).withLabel(MANAGED_BY, "conflux").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                try {
                    onPod(action, pod);
                } catch (RuntimeException e) {
                    LOG.warn("Could not handle a pod event", e);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The API server ended the watch (e.g. 410 Gone): watch again, or runs would never end.
                synchronized (KubernetesExecutor.this) {
                    watch = null;
                }
                if (!closed) {
                    LOG.info("The pod watch in {} closed ({}); watching again", namespace,
                            cause == null ? "normally" : cause.getMessage());
                    background.execute(KubernetesExecutor.this::ensureWatch);
                }
            }
        });
    }

    /** Turns a pod's phase and container state into the run's events. */
    void onPod(Watcher.Action action, Pod pod) {
        String name = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(RUN_LABEL);
        Tracked t = name == null ? null : runs.get(name);
        if (t == null || t.ended.get()) {
            return;
        }
        String podName = pod.getMetadata().getName();
        if (action == Watcher.Action.DELETED) {
            end(name, t, podName, 137, null);
            return;
        }
        var status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        ContainerStatus cs = null;
        if (status != null && status.getContainerStatuses() != null) {
            for (ContainerStatus c : status.getContainerStatuses()) {
                if (CONTAINER.equals(c.getName())) {
                    cs = c;
                }
            }
        }
        if (cs != null && cs.getState() != null && cs.getState().getWaiting() != null) {
            String reason = cs.getState().getWaiting().getReason();
            if ("ErrImagePull".equals(reason) || "ImagePullBackOff".equals(reason)
                    || "InvalidImageName".equals(reason)) {
                if (t.ended.compareAndSet(false, true)) {
                    runs.remove(name);
                    t.events.failedToStart("CannotPullContainerError: " + cs.getState().getWaiting().getMessage());
                    stop(name);
                }
                return;
            }
        }
        if ("Running".equals(phase) && t.running.compareAndSet(false, true)) {
            t.events.running();
        }
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            int code = "Succeeded".equals(phase) ? 0 : 1;
            String reason = null;
            if (cs != null && cs.getState() != null && cs.getState().getTerminated() != null) {
                var term = cs.getState().getTerminated();
                code = term.getExitCode() == null ? code : term.getExitCode();
                reason = "OOMKilled".equals(term.getReason()) ? LocalExecutor.OOM_REASON : null;
            }
            if (t.running.compareAndSet(false, true)) {
                t.events.running(); // it ran, even if we never saw it Running
            }
            end(name, t, podName, code, reason);
        }
    }

    private void end(String name, Tracked t, String podName, int code, String reason) {
        if (!t.ended.compareAndSet(false, true)) {
            return;
        }
        runs.remove(name);
        background.execute(() -> {
            try {
                String log = client.pods().inNamespace(namespace).withName(podName).getLog();
                if (log != null) {
                    logs.put(name, log);
                }
            } catch (RuntimeException e) {
                LOG.debug("No log for pod {}", podName, e);
            }
            t.events.exited(code, reason);
            stop(name);
        });
    }

    @Override
    public String logs(String runId) {
        String name = jobName(runId);
        String kept = logs.get(name);
        if (kept != null) {
            return kept;
        }
        try {
            for (Pod p : client.pods().inNamespace(namespace).withLabel(RUN_LABEL, name).list().getItems()) {
                return client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).getLog();
            }
        } catch (RuntimeException e) {
            LOG.debug("No log for {}", name, e);
        }
        return null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }
}
