package io.conflux.engine.interpreter;

/**
 * Who an execution is, as the context object and ExecutionStarted show it.
 *
 * @param express whether it is an EXPRESS execution
 * @param synchronous whether it was started with StartSyncExecution (its context object has no RedriveCount)
 * @param aliasArn the alias it was started through, or null
 * @param versionArn the version it runs, or null
 */
public record ExecutionInfo(
        String executionArn,
        String name,
        String stateMachineArn,
        String stateMachineName,
        String roleArn,
        boolean express,
        boolean synchronous,
        String aliasArn,
        String versionArn) {

    /** An execution started locally, with ARNs in AWS's format. */
    public static ExecutionInfo local(String stateMachineName, String executionName) {
        String sm = "arn:aws:states:us-east-1:000000000000:stateMachine:" + stateMachineName;
        String ex = "arn:aws:states:us-east-1:000000000000:execution:" + stateMachineName + ":" + executionName;
        return new ExecutionInfo(ex, executionName, sm, stateMachineName,
                "arn:aws:iam::000000000000:role/conflux", false, false, null, null);
    }
}
