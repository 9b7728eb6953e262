package io.conflux.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * How many vCPUs a compute environment has now (desired) and how many its jobs hold (used), with the peaks since the
 * server started. Scaling up happens when a job does not fit: desired grows to what the running jobs and the new one
 * need, up to the maximum. Scaling down happens when the environment has been idle (no job placed or ended) for its
 * idle delay: desired shrinks to what running jobs hold, never below the minimum. Guarded by {@link Batch}'s lock.
 */
final class Capacity {
    /** A moment's view, for tests, the Conflux endpoint and DescribeComputeEnvironments. */
    record View(String computeEnvironment, int desiredvCpus, double usedvCpus, int runningJobs, int peakDesiredvCpus,
            int peakRunningJobs, int minvCpus, int maxvCpus) {}

    private static final double EPSILON = 1e-9;

    int desired;
    double used;
    int running;
    int peakDesired;
    int peakRunning;
    Instant lastActive;

    Capacity(int desired, Instant now) {
        this.desired = desired;
        this.peakDesired = desired;
        this.lastActive = now;
    }

    /** Reserves {@code vcpus} if they fit now or after growing up to {@code max}; false when they do not fit. */
    boolean reserve(double vcpus, int max, Instant now) {
        if (used + vcpus > desired + EPSILON) {
            if (used + vcpus > max + EPSILON) {
                return false;
            }
            desired = (int) Math.min(max, Math.ceil(used + vcpus - EPSILON));
            peakDesired = Math.max(peakDesired, desired);
        }
        used += vcpus;
        running++;
        peakRunning = Math.max(peakRunning, running);
        lastActive = now;
        return true;
    }

    void release(double vcpus, Instant now) {
        used = Math.max(0, used - vcpus);
        running = Math.max(0, running - 1);
        lastActive = now;
    }

    /** Shrinks after the idle delay; returns whether it changed. */
    boolean scaleDown(int min, Duration idleDelay, Instant now) {
        int floor = Math.max(min, (int) Math.ceil(used - EPSILON));
        if (desired > floor && !now.isBefore(lastActive.plus(idleDelay))) {
            desired = floor;
            return true;
        }
        return false;
    }

    View view(ComputeEnvironment ce) {
        return new View(ce.name(), desired, used, running, peakDesired, peakRunning, ce.minvCpus(), ce.maxvCpus());
    }
}
