package io.conflux.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.store.ExecutionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RedriveExecution, and AWS's rules on which executions may be redriven, which DescribeExecution reports as
 * {@code redriveStatus} and {@code redriveStatusReason}: a STANDARD execution that failed, timed out or was aborted,
 * ended less than 14 days ago, started less than a year ago, whose state machine still exists and whose history
 * leaves room for the redrive's events. The redrive itself is the engine's ({@code Engine.redrive}).
 */
final class RedriveApi {
    /** How long after its end an execution may be redriven. */
    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    /** How long an execution may stay open, redrives included. */
    static final Duration MAX_OPEN = Duration.ofDays(365);
    /** A history must stay below this many events to take ExecutionRedriven and at least one more. */
    static final int MAX_HISTORY_EVENTS = 24_999;
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[!-~]+");
    /** How many client tokens are remembered for idempotent retries. */
    private static final int REMEMBERED_TOKENS = 10_000;

    private final Executions executions;
    private final Catalog catalog;
    private final Clock clock;
    /** The redrive date answered for each (execution, client token): a retried request gets the same answer. */
    private final Map<String, Instant> answered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED_TOKENS;
        }
    };

    RedriveApi(Executions executions, Catalog catalog, Clock clock) {
        this.executions = executions;
        this.catalog = catalog;
        this.clock = clock;
    }

    void register(Map<String, Operation> ops) {
        ops.put("RedriveExecution", this::redriveExecution);
    }

    private ObjectNode redriveExecution(Request r) {
        String arn = r.requiredString("executionArn", 1, 256);
        String clientToken = r.optionalString("clientToken", 1, 64, CLIENT_TOKEN);
        r.validate();
        Arn.parse(arn, Arn.EXECUTION, Arn.EXPRESS);
        String key = clientToken == null ? null : arn + "\n" + clientToken;
        synchronized (answered) {
            Instant again = key == null ? null : answered.get(key);
            if (again != null) {
                return answer(again);
            }
            ExecutionRecord e = executions.find(arn);
            String why = whyNot(e);
            if (why != null) {
                throw notRedrivable(why);
            }
            Optional<Instant> redriven = executions.engine().redrive(arn);
            if (redriven.isEmpty()) {
                // It ended a moment ago and is still being put away, or runs again already.
                throw notRedrivable("Execution is RUNNING and cannot be redriven");
            }
            if (key != null) {
                answered.put(key, redriven.get());
            }
            return answer(redriven.get());
        }
    }

    private static ObjectNode answer(Instant redriveDate) {
        ObjectNode out = Json.object();
        out.put("redriveDate", Timestamps.seconds(redriveDate));
        return out;
    }

    private static ApiException notRedrivable(String why) {
        return new ApiException("ExecutionNotRedrivable", why);
    }

    /** Why the execution cannot be redriven now, in AWS's words; null when it can. */
    String whyNot(ExecutionRecord e) {
        if (e.info().express()) {
            return "Execution of an EXPRESS state machine cannot be redriven";
        }
        if (e.status() == ExecutionStatus.RUNNING || e.status() == ExecutionStatus.PENDING_REDRIVE) {
            return "Execution is RUNNING and cannot be redriven";
        }
        if (e.status() == ExecutionStatus.SUCCEEDED) {
            return "Execution is SUCCEEDED and cannot be redriven";
        }
        if (catalog.registry().stateMachine(e.info().stateMachineArn()).isEmpty()) {
            return "State machine is in DELETING status";
        }
        Instant now = clock.instant();
        if (e.startTime().plus(MAX_OPEN).isBefore(now)) {
            return "Execution has exceeded the max execution time";
        }
        if (e.stopTime() != null && e.stopTime().plus(REDRIVABLE_PERIOD).isBefore(now)) {
            return "Execution redrivable period exceeded";
        }
        if (executions.engine().history(e.info().executionArn()).size() >= MAX_HISTORY_EVENTS) {
            return "Execution history event limit exceeded";
        }
        return null;
    }

    /** DescribeExecution's redrive members of a STANDARD execution. */
    void describe(ObjectNode out, ExecutionRecord e) {
        out.put("redriveCount", e.redriveCount());
        if (e.redriveDate() != null) {
            out.put("redriveDate", Timestamps.seconds(e.redriveDate()));
        }
        String why = whyNot(e);
        out.put("redriveStatus", why == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (why != null) {
            out.put("redriveStatusReason", why);
        }
    }
}
