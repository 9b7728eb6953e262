package io.conflux.engine.store;

import io.conflux.engine.interpreter.ExecutionStatus;

/**
 * A page of ListExecutions: the executions of one state machine (or of one version or alias of it), newest first.
 *
 * @param stateMachineArn whose executions (a state machine, version or alias ARN)
 * @param status only this status, or null for all
 * @param after the last ARN of the previous page, or null for the first page
 * @param limit how many at most
 */
public record ExecutionQuery(String stateMachineArn, ExecutionStatus status, String after, int limit) {}
