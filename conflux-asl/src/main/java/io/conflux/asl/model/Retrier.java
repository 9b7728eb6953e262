package io.conflux.asl.model;

import java.util.List;

/**
 * One Retry entry.
 *
 * @param errorEquals error names it applies to ({@code States.ALL} only last)
 * @param intervalSeconds delay before the first retry (default 1)
 * @param maxAttempts retries allowed; 0 means never retry (default 3)
 * @param backoffRate multiplier of the delay per attempt (default 2.0)
 * @param maxDelaySeconds upper bound of the delay, or null
 * @param jitter FULL randomises the delay between 0 and its computed value
 */
public record Retrier(
        List<String> errorEquals,
        long intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Long maxDelaySeconds,
        Jitter jitter,
        String comment) {

    public enum Jitter {
        NONE,
        FULL
    }

    public boolean matches(String error) {
        return ErrorMatch.matches(errorEquals, error);
    }
}
