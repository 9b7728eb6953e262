package io.conflux.engine.interpreter;

import io.conflux.engine.history.EventType;

/** Which family of history events a task records, decided by the shape of its Resource ARN, as AWS decides it. */
enum TaskKind {
    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}: LambdaFunctionScheduled … */
    LAMBDA(EventType.LambdaFunctionScheduled, EventType.LambdaFunctionStarted, EventType.LambdaFunctionSucceeded,
            EventType.LambdaFunctionFailed, EventType.LambdaFunctionTimedOut),
    /** {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}: ActivityScheduled … */
    ACTIVITY(EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded,
            EventType.ActivityFailed, EventType.ActivityTimedOut),
    /** Service integrations {@code arn:aws:states:::SERVICE:ACTION} and anything else: TaskScheduled … */
    TASK(EventType.TaskScheduled, EventType.TaskStarted, EventType.TaskSucceeded, EventType.TaskFailed,
            EventType.TaskTimedOut);

    final EventType scheduled;
    final EventType started;
    final EventType succeeded;
    final EventType failed;
    final EventType timedOut;

    TaskKind(EventType scheduled, EventType started, EventType succeeded, EventType failed, EventType timedOut) {
        this.scheduled = scheduled;
        this.started = started;
        this.succeeded = succeeded;
        this.failed = failed;
        this.timedOut = timedOut;
    }

    static TaskKind of(String resource) {
        String[] p = resource.split(":", 7);
        if (p.length >= 7 && p[0].equals("arn") && p[2].equals("lambda") && p[5].equals("function")) {
            return LAMBDA;
        }
        if (p.length >= 7 && p[0].equals("arn") && p[2].equals("states") && p[5].equals("activity")) {
            return ACTIVITY;
        }
        return TASK;
    }
}
