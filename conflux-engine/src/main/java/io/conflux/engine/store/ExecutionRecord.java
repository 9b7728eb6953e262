package io.conflux.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import java.time.Instant;

/**
 * What DescribeExecution and ListExecutions show of an execution: who it is, where it stands, how it ended.
 *
 * @param output the output once SUCCEEDED, else null
 * @param stopTime when it ended, or null while it runs
 * @param redriveCount how many times it was redriven
 * @param redriveDate when it was last redriven, or null
 */
public record ExecutionRecord(
        ExecutionInfo info,
        ExecutionStatus status,
        JsonNode input,
        JsonNode output,
        String error,
        String cause,
        Instant startTime,
        Instant stopTime,
        int redriveCount,
        Instant redriveDate) {

    /** An execution that was never redriven. */
    public ExecutionRecord(ExecutionInfo info, ExecutionStatus status, JsonNode input, JsonNode output, String error,
            String cause, Instant startTime, Instant stopTime) {
        this(info, status, input, output, error, cause, startTime, stopTime, 0, null);
    }

    public static ExecutionRecord of(ExecutionState s) {
        return new ExecutionRecord(s.info(), s.status(), s.input(), s.output(), s.error(), s.cause(), s.startTime(),
                s.stopTime(), s.redriveCount(), s.redriveTime());
    }
}
