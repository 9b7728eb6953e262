package io.conflux.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.store.ExecutionQuery;
import io.conflux.engine.store.ExecutionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executions: StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, DescribeStateMachineForExecution.
 */
final class ExecutionApi {
    /** AWS bills Express executions in 64 MB steps; Conflux reports the smallest. */
    private static final int BILLED_MEMORY_MB = 64;

    private final Executions executions;
    private final Catalog catalog;
    private final RedriveApi redrives;
    private final Duration syncTimeout;
    private final int maxPayloadBytes;

    ExecutionApi(Executions executions, Catalog catalog, RedriveApi redrives, ServerConfig config) {
        this.executions = executions;
        this.catalog = catalog;
        this.redrives = redrives;
        this.syncTimeout = config.syncExecutionTimeout();
        this.maxPayloadBytes = config.maxPayloadBytes();
    }

    void register(Map<String, Operation> ops) {
        ops.put("StartExecution", this::startExecution);
        ops.put("StartSyncExecution", this::startSyncExecution);
        ops.put("StopExecution", this::stopExecution);
        ops.put("DescribeExecution", this::describeExecution);
        ops.put("ListExecutions", this::listExecutions);
        ops.put("GetExecutionHistory", this::getExecutionHistory);
        ops.put("DescribeStateMachineForExecution", this::describeStateMachineForExecution);
    }

    private Engine engine() {
        return executions.engine();
    }

    private ObjectNode startExecution(Request r) {
        String arn = r.requiredString("stateMachineArn", 1, 256);
        String name = r.optionalString("name", 1, 80);
        String input = r.sensitiveString("input", maxPayloadBytes);
        r.optionalString("traceHeader", 0, 256);
        r.validate();
        Executions.Started s = executions.start(arn, name, input, false);
        ObjectNode out = Json.object();
        out.put("executionArn", s.executionArn());
        out.put("startDate", Timestamps.seconds(s.startDate()));
        return out;
    }

    private ObjectNode startSyncExecution(Request r) throws InterruptedException {
        String arn = r.requiredString("stateMachineArn", 1, 256);
        String name = r.optionalString("name", 1, 80);
        String input = r.sensitiveString("input", maxPayloadBytes);
        r.optionalString("traceHeader", 0, 256);
        String includedData = r.optionalEnum("includedData", Names.INCLUDED_DATA);
        r.validate();
        Executions.Started s = executions.start(arn, name, input, true);
        ExecutionRecord e = awaitEnd(s.executionArn());
        ObjectNode out = Json.object();
        out.put("executionArn", e.info().executionArn());
        out.put("stateMachineArn", e.info().stateMachineArn());
        out.put("name", e.info().name());
        out.put("startDate", Timestamps.seconds(e.startTime()));
        Instant stop = e.stopTime() != null ? e.stopTime() : executions.now();
        out.put("stopDate", Timestamps.seconds(stop));
        out.put("status", switch (e.status()) {
            case SUCCEEDED -> "SUCCEEDED";
            case TIMED_OUT -> "TIMED_OUT";
            default -> "FAILED";
        });
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        if (!"METADATA_ONLY".equals(includedData)) {
            out.put("input", executions.inputText(e));
            out.putObject("inputDetails").put("included", true);
            if (e.output() != null) {
                out.put("output", Json.write(e.output()));
                out.putObject("outputDetails").put("included", true);
            }
        }
        long millis = Math.max(1, Duration.between(e.startTime(), stop).toMillis());
        out.putObject("billingDetails").put("billedMemoryUsedInMB", BILLED_MEMORY_MB)
                .put("billedDurationInMilliseconds", (millis + 99) / 100 * 100);
        return out;
    }

    /** Waits for a synchronous execution; one that outlives the limit (AWS: 5 minutes) is stopped as timed out. */
    private ExecutionRecord awaitEnd(String arn) throws InterruptedException {
        try {
            return engine().completion(arn).get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            engine().stop(arn, "States.Timeout", "The execution ran longer than the " + syncTimeout.toSeconds()
                    + " seconds a synchronous Express execution may run.");
            try {
                return engine().completion(arn).get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException again) {
                throw new IllegalStateException("The stopped execution " + arn + " did not end", again);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for " + arn + " failed", e.getCause());
        }
    }

    private ObjectNode stopExecution(Request r) throws InterruptedException {
        String arn = r.requiredString("executionArn", 1, 256);
        String error = r.sensitiveString("error", 256);
        String cause = r.sensitiveString("cause", 32768);
        r.validate();
        Arn.parse(arn, Arn.EXECUTION, Arn.EXPRESS);
        ExecutionRecord e = executions.find(arn);
        Instant stopDate = e.stopTime();
        if (e.status() == ExecutionStatus.RUNNING) {
            engine().stop(arn, error, cause);
            try {
                // The stop is applied by the execution's own worker; wait a moment for its real stop date.
                stopDate = engine().completion(arn).get(2, TimeUnit.SECONDS).stopTime();
            } catch (TimeoutException | ExecutionException ex) {
                stopDate = null;
            }
        }
        ObjectNode out = Json.object();
        out.put("stopDate", Timestamps.seconds(stopDate != null ? stopDate : executions.now()));
        return out;
    }

    private ObjectNode describeExecution(Request r) {
        String arn = r.requiredString("executionArn", 1, 256);
        String includedData = r.optionalEnum("includedData", Names.INCLUDED_DATA);
        r.validate();
        Arn.parse(arn, Arn.EXECUTION, Arn.EXPRESS);
        ExecutionRecord e = executions.find(arn);
        ObjectNode out = Json.object();
        out.put("executionArn", e.info().executionArn());
        out.put("stateMachineArn", e.info().stateMachineArn());
        out.put("name", e.info().name());
        out.put("status", e.status().name());
        out.put("startDate", Timestamps.seconds(e.startTime()));
        if (e.stopTime() != null) {
            out.put("stopDate", Timestamps.seconds(e.stopTime()));
        }
        if (!"METADATA_ONLY".equals(includedData)) {
            out.put("input", executions.inputText(e));
            out.putObject("inputDetails").put("included", true);
            if (e.output() != null) {
                out.put("output", Json.write(e.output()));
                out.putObject("outputDetails").put("included", true);
            }
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        if (e.info().versionArn() != null) {
            out.put("stateMachineVersionArn", e.info().versionArn());
        }
        if (e.info().aliasArn() != null) {
            out.put("stateMachineAliasArn", e.info().aliasArn());
        }
        if (!e.info().express()) {
            redrives.describe(out, e);
        }
        return out;
    }

    private ObjectNode listExecutions(Request r) {
        String arn = r.optionalString("stateMachineArn", 1, 256);
        String status = r.optionalEnum("statusFilter", Names.EXECUTION_STATUSES);
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        String nextToken = r.optionalString("nextToken", 1, 3096);
        String mapRunArn = r.optionalString("mapRunArn", 1, 2000);
        String redriveFilter = r.optionalEnum("redriveFilter", List.of("REDRIVEN", "NOT_REDRIVEN"));
        r.validate();
        if (arn == null && mapRunArn == null) {
            throw Errors.validation("Expected a stateMachineArn or a mapRunArn, but got neither",
                    "MISSING_REQUIRED_PARAMETER");
        }
        if (arn == null) {
            // Distributed Map runs do not exist here.
            throw Errors.resourceNotFound(mapRunArn);
        }
        catalog.resolve(arn);
        String scope = "ListExecutions\n" + arn + "\n" + status + "\n" + redriveFilter;
        String after = nextToken == null ? null : PageTokens.decode(nextToken, scope);
        int size = PageTokens.pageSize(maxResults);
        List<ExecutionRecord> page = engine().store().list(new ExecutionQuery(arn,
                status == null ? null : ExecutionStatus.valueOf(status), after, size + 1,
                redriveFilter == null ? null : redriveFilter.equals("REDRIVEN")));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("executions");
        for (ExecutionRecord e : page.subList(0, Math.min(size, page.size()))) {
            ObjectNode o = items.addObject();
            o.put("executionArn", e.info().executionArn());
            o.put("stateMachineArn", e.info().stateMachineArn());
            o.put("name", e.info().name());
            o.put("status", e.status().name());
            o.put("startDate", Timestamps.seconds(e.startTime()));
            if (e.stopTime() != null) {
                o.put("stopDate", Timestamps.seconds(e.stopTime()));
            }
            if (e.info().versionArn() != null) {
                o.put("stateMachineVersionArn", e.info().versionArn());
            }
            if (e.info().aliasArn() != null) {
                o.put("stateMachineAliasArn", e.info().aliasArn());
            }
            o.put("redriveCount", e.redriveCount());
            if (e.redriveDate() != null) {
                o.put("redriveDate", Timestamps.seconds(e.redriveDate()));
            }
        }
        if (page.size() > size) {
            out.put("nextToken", PageTokens.encode(scope, page.get(size - 1).info().executionArn()));
        }
        return out;
    }

    private ObjectNode getExecutionHistory(Request r) {
        String arn = r.requiredString("executionArn", 1, 256);
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        boolean reverse = r.optionalBoolean("reverseOrder", false);
        String nextToken = r.optionalString("nextToken", 1, 1024);
        boolean includeData = r.optionalBoolean("includeExecutionData", true);
        r.validate();
        Arn.parse(arn, Arn.EXECUTION, Arn.EXPRESS);
        executions.find(arn);
        String scope = "GetExecutionHistory\n" + arn + "\n" + reverse;
        // Pages are bounded by event ids, so events recorded between two calls land on a later page, never twice.
        long bound = nextToken == null ? (reverse ? Long.MAX_VALUE : 0) : parseId(PageTokens.decode(nextToken, scope));
        List<HistoryEvent> all = engine().history(arn);
        List<HistoryEvent> remaining = reverse
                ? all.reversed().stream().filter(e -> e.id() < bound).toList()
                : all.stream().filter(e -> e.id() > bound).toList();
        int size = PageTokens.pageSize(maxResults);
        ObjectNode out = Json.object();
        ArrayNode events = out.putArray("events");
        for (HistoryEvent e : remaining.subList(0, Math.min(size, remaining.size()))) {
            events.add(HistoryJson.write(e, includeData, HistoryJson.Timestamps.EPOCH_SECONDS));
        }
        if (remaining.size() > size) {
            out.put("nextToken", PageTokens.encode(scope, Long.toString(remaining.get(size - 1).id())));
        }
        return out;
    }

    private ObjectNode describeStateMachineForExecution(Request r) {
        String arn = r.requiredString("executionArn", 1, 256);
        String includedData = r.optionalEnum("includedData", Names.INCLUDED_DATA);
        r.validate();
        Arn.parse(arn, Arn.EXECUTION, Arn.EXPRESS);
        Revision rev = executions.revision(executions.find(arn));
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rev.stateMachineArn());
        out.put("name", rev.name());
        if (!"METADATA_ONLY".equals(includedData)) {
            out.put("definition", rev.definition());
        }
        out.put("roleArn", rev.roleArn());
        out.put("updateDate", Timestamps.seconds(rev.updated()));
        out.set("loggingConfiguration", rev.loggingConfiguration());
        out.set("tracingConfiguration", rev.tracingConfiguration());
        if (rev.revisionId() != null) {
            out.put("revisionId", rev.revisionId());
        }
        return out;
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw Errors.invalidToken("Invalid token");
        }
    }
}
