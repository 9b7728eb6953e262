package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The children of a Parallel or Map state: which have started, which are running, their results in order, and how
 * many failures are tolerated.
 */
final class FanOut {
    final boolean map;
    /** Map: the items; Parallel: null. */
    final List<JsonNode> items;
    /** The Map's effective input, which ItemSelector sees as {@code $}; Parallel: the branches' input. */
    final JsonNode input;
    final int total;
    final JsonNode[] results;
    /** 0 means no limit. */
    final int maxConcurrency;
    final long toleratedCount;
    final double toleratedPercentage;

    int next;
    int running;
    int succeeded;
    int failed;
    String firstError;
    String firstCause;
    /** True once the fan-out has failed or been aborted: remaining children are not started. */
    boolean closed;
    boolean pumping;
    /** The event that recorded the end of the last child to end (MapIterationSucceeded …), or 0. */
    long lastEnd;
    final Set<Frame> live = new LinkedHashSet<>();
    /** Each started child's frame until it succeeds: where a redrive resumes it. */
    final Frame[] children;
    /** The children that succeeded: their results are final, and a redrive does not run them again. */
    final BitSet succeededAt = new BitSet();
    /** On a redrive: the fan-out that ended unsuccessfully, whose unsuccessful children resume here. */
    FanOut carried;

    FanOut(boolean map, List<JsonNode> items, JsonNode input, int total, int maxConcurrency, long toleratedCount,
            double toleratedPercentage) {
        this.map = map;
        this.items = items;
        this.input = input;
        this.total = total;
        this.results = new JsonNode[total];
        this.maxConcurrency = maxConcurrency;
        this.toleratedCount = toleratedCount;
        this.toleratedPercentage = toleratedPercentage;
        this.children = new Frame[total];
    }

    /**
     * A redrive: takes over the results of the children of {@code previous} that succeeded, so that only the others
     * run. A fan-out of another size (the items changed) starts afresh.
     */
    void carryOver(FanOut previous) {
        if (previous == null || previous.total != total || previous.map != map) {
            return;
        }
        carried = previous;
        for (int i = previous.succeededAt.nextSetBit(0); i >= 0; i = previous.succeededAt.nextSetBit(i + 1)) {
            results[i] = previous.results[i];
            succeededAt.set(i);
            succeeded++;
        }
        skipSucceeded();
    }

    /** The frame a redrive resumes for child {@code index}, or null to start it afresh. */
    Frame resumable(int index) {
        return carried == null ? null : carried.children[index];
    }

    /** Moves {@link #next} past children that succeeded before a redrive. */
    void skipSucceeded() {
        while (next < total && succeededAt.get(next)) {
            next++;
        }
    }

    void succeeded(Frame child, JsonNode output) {
        succeeded++;
        results[child.index] = output;
        succeededAt.set(child.index);
        children[child.index] = null;
    }

    boolean canStart() {
        return !closed && next < total && (maxConcurrency <= 0 || running < maxConcurrency);
    }

    boolean allDone() {
        return next >= total && running == 0;
    }

    /** Whether the failures so far exceed what ToleratedFailureCount/Percentage allow. */
    boolean overTolerance() {
        if (failed == 0) {
            return false;
        }
        boolean overCount = failed > toleratedCount;
        boolean overPercentage = total == 0 || failed * 100.0 / total > toleratedPercentage;
        return overCount && overPercentage;
    }
}
