package io.conflux.engine.store;

import io.conflux.engine.interpreter.ExecutionStatus;
import java.util.List;

/**
 * A page of ListExecutions: the executions of one state machine (or of one version or alias of it), newest first.
 *
 * @param stateMachineArn whose executions (a state machine, version or alias ARN), or null for all
 * @param status only this status, or null for all
 * @param after the last ARN of the previous page, or null for the first page
 * @param limit how many at most
 * @param redriven only executions that were redriven (true) or never were (false), or null for all
 */
public record ExecutionQuery(String stateMachineArn, ExecutionStatus status, String after, int limit,
        Boolean redriven) {

    public ExecutionQuery(String stateMachineArn, ExecutionStatus status, String after, int limit) {
        this(stateMachineArn, status, after, limit, null);
    }

    /** Whether an execution passes the redrive filter. */
    public boolean admits(ExecutionRecord r) {
        return redriven == null || redriven == (r.redriveCount() > 0);
    }

    /** Whether an execution was started on {@code arn}: its state machine, version or alias. */
    public static boolean belongsTo(ExecutionRecord r, String arn) {
        return arn.equals(r.info().stateMachineArn()) || arn.equals(r.info().versionArn())
                || arn.equals(r.info().aliasArn());
    }

    /** The page of an ordered list that follows {@link #after}. */
    static List<ExecutionRecord> page(List<ExecutionRecord> ordered, ExecutionQuery q) {
        int from = 0;
        if (q.after() != null) {
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).info().executionArn().equals(q.after())) {
                    from = i + 1;
                    break;
                }
            }
        }
        return ordered.subList(from, Math.min(ordered.size(), from + q.limit()));
    }
}
