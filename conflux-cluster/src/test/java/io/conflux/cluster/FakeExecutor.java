package io.conflux.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An executor the test drives: runs start when launched and end when the test says so. */
final class FakeExecutor implements JobExecutor {
    final Map<String, Events> runs = new LinkedHashMap<>();
    final Map<String, Launch> launches = new LinkedHashMap<>();
    final List<String> stopped = new ArrayList<>();
    boolean autoRun = true;
    String unavailable;

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public synchronized Run launch(Launch l, Events events) {
        runs.put(l.runId(), events);
        launches.put(l.runId(), l);
        if (autoRun) {
            events.running();
        }
        return () -> {
            synchronized (this) {
                stopped.add(l.runId());
            }
        };
    }

    synchronized void exit(String runId, int code) {
        runs.remove(runId).exited(code, null);
    }

    synchronized List<String> running() {
        return List.copyOf(runs.keySet());
    }

    @Override
    public String logs(String runId) {
        return "log of " + runId;
    }
}
