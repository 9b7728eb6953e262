package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.TaskState;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.interpreter.ExecutionState.TimerKind;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.TaskRequest;
import java.util.Map;

/** Task: schedule work on a processing node, wait for its outcome, then process the result. */
final class TaskStep {
    private TaskStep() {}

    static Outcome execute(Run run, Frame f, TaskState t) {
        ExecutionState s = run.state();
        String token = Tokens.create(s.info.executionArn(), s.salt, s.nextTokenSeq++);
        IntegrationPattern pattern = IntegrationPattern.of(t.resource());
        // $$.Task.Token exists only for the callback pattern: AWS's context object of any other task has no Task.
        StateScope raw = pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN
                ? StateScope.of(run, f, f.input).withTaskToken(token) : StateScope.of(run, f, f.input);
        JsonNode effective = DataFlow.effectiveInput(t, raw);
        Long timeout = Seconds.resolve(t.timeoutSeconds(), raw);
        Long heartbeat = Seconds.resolve(t.heartbeatSeconds(), raw);
        run.config().limits().checkPayload(effective, "the input of task '" + t.name() + "'");
        TaskRequest request = new TaskRequest(s.info.executionArn(), t.name(), t.resource(), pattern, effective,
                token, timeout, heartbeat, t.credentials());
        TaskKind kind = TaskKind.of(t.resource());
        run.emit(f, kind.scheduled, scheduledDetails(kind, request, region(s.info.executionArn())));
        String timeoutTimer = timeout == null ? null
                : run.newTimer(TimerKind.TASK_TIMEOUT, f, token, run.now().plusSeconds(timeout));
        String heartbeatTimer = heartbeat == null ? null
                : run.newTimer(TimerKind.HEARTBEAT, f, token, run.now().plusSeconds(heartbeat));
        f.task = new PendingTask(request, kind, effective, timeoutTimer, heartbeatTimer, false);
        f.phase = Frame.Phase.AWAIT_TASK;
        s.tasks.put(token, f);
        run.command(new Command.StartTask(request));
        return Outcome.PARKED;
    }

    private static EventDetails scheduledDetails(TaskKind kind, TaskRequest r, String region) {
        return switch (kind) {
            case LAMBDA -> new EventDetails.Scheduled(r.resource(), r.input(), r.timeoutSeconds(), null);
            case ACTIVITY -> new EventDetails.Scheduled(r.resource(), r.input(), r.timeoutSeconds(),
                    r.heartbeatSeconds());
            case TASK -> {
                ServiceResource sr = ServiceResource.of(r.resource());
                yield new EventDetails.TaskScheduled(sr.type(), sr.name(), region, r.input(), r.timeoutSeconds(),
                        r.heartbeatSeconds(), null);
            }
        };
    }

    static String region(String arn) {
        String[] p = arn.split(":", 5);
        return p.length > 3 ? p[3] : "";
    }

    static void started(Run run, Frame f, String workerName) {
        PendingTask t = f.task;
        f.task = t.asStarted();
        switch (t.kind()) {
            case LAMBDA -> run.emit(f, t.kind().started, EventDetails.NONE);
            case ACTIVITY -> run.emit(f, t.kind().started, new EventDetails.ActivityStarted(workerName));
            case TASK -> {
                ServiceResource sr = ServiceResource.of(t.request().resource());
                run.emit(f, t.kind().started, new EventDetails.TaskStarted(sr.type(), sr.name()));
            }
        }
    }

    static void submitted(Run run, Frame f, JsonNode response) {
        ServiceResource sr = ServiceResource.of(f.task.request().resource());
        run.emit(f, io.conflux.engine.history.EventType.TaskSubmitted,
                new EventDetails.TaskOutput(sr.type(), sr.name(), response));
    }

    static void heartbeat(Run run, Frame f) {
        PendingTask t = f.task;
        if (t.heartbeatTimer() == null) {
            return;
        }
        run.cancelTimer(t.heartbeatTimer());
        String timer = run.newTimer(TimerKind.HEARTBEAT, f, t.request().taskToken(),
                run.now().plusSeconds(t.request().heartbeatSeconds()));
        f.task = t.withHeartbeatTimer(timer);
    }

    /** The task succeeded with {@code output}: ResultSelector, Assign, ResultPath/Output, OutputPath, exit. */
    static Outcome succeeded(Run run, Frame f, JsonNode output) {
        if (run.config().limits().exceeds(output)) {
            // AWS refuses an oversized result as the task's own failure (LambdaFunctionFailed, TaskFailed …),
            // naming the resource: the Lambda ARN, or the service of an integration.
            PendingTask t = f.task;
            String what = t.kind() == TaskKind.TASK ? ServiceResource.of(t.request().resource()).type()
                    : t.request().resource();
            return failed(run, f, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + what
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
        PendingTask t = done(run, f);
        run.inspect(TestProbe.RESULT, output);
        switch (t.kind()) {
            case LAMBDA, ACTIVITY -> run.emit(f, t.kind().succeeded, new EventDetails.Output(output));
            case TASK -> {
                ServiceResource sr = ServiceResource.of(t.request().resource());
                run.emit(f, t.kind().succeeded, new EventDetails.TaskOutput(sr.type(), sr.name(), output));
            }
        }
        TaskState state = (TaskState) f.state;
        try {
            StateScope raw = StateScope.of(run, f, f.input);
            JsonNode out;
            Map<String, JsonNode> assigned;
            if (DataFlow.jsonata(state)) {
                StateScope withResult = raw.withResult(output);
                assigned = DataFlow.assign(state.io().assign(), withResult);
                out = DataFlow.output(state, output, raw);
            } else {
                JsonNode selected = DataFlow.selectResult(state, output, raw);
                assigned = DataFlow.assign(state.io().assign(), raw.withInput(selected));
                out = DataFlow.output(state, selected, raw);
            }
            run.exited(f, out, assigned);
            return Outcome.leave(state.transition(), out);
        } catch (StatesException e) {
            return run.evaluationFailure(f, e);
        }
    }

    static Outcome failed(Run run, Frame f, String error, String cause) {
        PendingTask t = done(run, f);
        emitError(run, f, t, t.kind().failed, error, cause);
        return new Outcome.Failed(error, cause, true);
    }

    /** TimeoutSeconds or HeartbeatSeconds elapsed: the task is abandoned (and cancelled) and the state fails. */
    static Outcome timedOut(Run run, Frame f, boolean heartbeat) {
        PendingTask t = done(run, f);
        run.command(new Command.CancelTask(t.request().taskToken(), t.request().resource()));
        String error = heartbeat ? ErrorNames.HEARTBEAT_TIMEOUT : ErrorNames.TIMEOUT;
        emitError(run, f, t, t.kind().timedOut, error, null);
        return new Outcome.Failed(error, null, true);
    }

    private static void emitError(Run run, Frame f, PendingTask t, io.conflux.engine.history.EventType type,
            String error, String cause) {
        switch (t.kind()) {
            case LAMBDA, ACTIVITY -> run.emit(f, type, new EventDetails.Failure(error, cause));
            case TASK -> {
                ServiceResource sr = ServiceResource.of(t.request().resource());
                run.emit(f, type, new EventDetails.TaskError(sr.type(), sr.name(), error, cause));
            }
        }
    }

    /** Stops waiting: forgets the token and cancels the task's timers. */
    private static PendingTask done(Run run, Frame f) {
        PendingTask t = f.task;
        run.state().tasks.remove(t.request().taskToken());
        run.cancelTimer(t.timeoutTimer());
        run.cancelTimer(t.heartbeatTimer());
        f.task = null;
        f.phase = Frame.Phase.EXECUTE;
        return t;
    }
}
