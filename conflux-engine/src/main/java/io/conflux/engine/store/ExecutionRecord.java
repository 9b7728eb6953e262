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
 */
public record ExecutionRecord(
        ExecutionInfo info,
        ExecutionStatus status,
        JsonNode input,
        JsonNode output,
        String error,
        String cause,
        Instant startTime,
        Instant stopTime) {

    public static ExecutionRecord of(ExecutionState s) {
        return new ExecutionRecord(s.info(), s.status(), s.input(), s.output(), s.error(), s.cause(), s.startTime(),
                s.stopTime());
    }
}
