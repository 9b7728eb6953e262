package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Batch's retry strategy: how many attempts a job gets (1 to 10) and, per failed attempt, whether the exit code or
 * the reasons send it back to RUNNABLE or end it. The first {@code evaluateOnExit} condition that matches decides; when
 * none matches (or there are none) the job is retried while it has attempts left, as Batch does.
 */
record RetryStrategy(int attempts, List<Condition> evaluateOnExit) {
    static final RetryStrategy ONCE = new RetryStrategy(1, List.of());

    /** One {@code evaluateOnExit} entry; patterns match exactly, or by prefix when they end with {@code *}. */
    record Condition(String onStatusReason, String onReason, String onExitCode, boolean retry) {
        boolean matches(Integer exitCode, String reason, String statusReason) {
            return matches(onExitCode, exitCode == null ? null : exitCode.toString())
                    && matches(onReason, reason) && matches(onStatusReason, statusReason);
        }

        private static boolean matches(String pattern, String value) {
            if (pattern == null) {
                return true;
            }
            if (value == null) {
                return false;
            }
            return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                    : value.equals(pattern);
        }
    }

    RetryStrategy {
        evaluateOnExit = List.copyOf(evaluateOnExit);
    }

    /** Whether a failed attempt (the {@code attempt}-th, from 1) runs again. */
    boolean retries(int attempt, Integer exitCode, String reason, String statusReason) {
        if (attempt >= attempts) {
            return false;
        }
        for (Condition c : evaluateOnExit) {
            if (c.matches(exitCode, reason, statusReason)) {
                return c.retry();
            }
        }
        return true;
    }

    /** Reads {@code {attempts, evaluateOnExit: [{onExitCode, onReason, onStatusReason, action}]}}. */
    static RetryStrategy parse(JsonNode n, String where) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        int attempts = n.path("attempts").asInt(1);
        if (attempts < 1 || attempts > 10) {
            throw ClusterFailure.client("Error executing request, Exception : The number of attempts in "
                    + where + " must be between 1 and 10, got " + attempts + ".");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode c : n.path("evaluateOnExit")) {
            String action = c.path("action").asText("").toUpperCase(Locale.ROOT);
            if (!action.equals("RETRY") && !action.equals("EXIT")) {
                throw ClusterFailure.client("Error executing request, Exception : The action of an evaluateOnExit "
                        + "condition must be RETRY or EXIT, got '" + c.path("action").asText("") + "'.");
            }
            conditions.add(new Condition(text(c, "onStatusReason"), text(c, "onReason"), text(c, "onExitCode"),
                    action.equals("RETRY")));
        }
        return new RetryStrategy(attempts, conditions);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object().put("attempts", attempts);
        var list = o.putArray("evaluateOnExit");
        for (Condition c : evaluateOnExit) {
            ObjectNode e = list.addObject();
            if (c.onStatusReason() != null) {
                e.put("onStatusReason", c.onStatusReason());
            }
            if (c.onReason() != null) {
                e.put("onReason", c.onReason());
            }
            if (c.onExitCode() != null) {
                e.put("onExitCode", c.onExitCode());
            }
            e.put("action", c.retry() ? "retry" : "exit");
        }
        return o;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
