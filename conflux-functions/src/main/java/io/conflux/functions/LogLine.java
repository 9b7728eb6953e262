package io.conflux.functions;

import java.time.Instant;

/**
 * One line of a function's log: what its runtime printed, or one of the lines Lambda itself writes (START, END,
 * REPORT, INIT_START, a timeout).
 *
 * @param seq increases by one per line across all functions; a reader continues after the last one it saw
 * @param requestId the invocation the line belongs to; null for lines printed while the runtime started
 * @param executionArn the workflow execution that invoked the function, if one did
 * @param stateName the Task state that invoked it, if one did
 * @param sandbox which runtime process printed it (cold starts and reuse show in it)
 */
record LogLine(long seq, Instant timestamp, String function, String requestId, String executionArn,
        String stateName, String sandbox, String message) {}
