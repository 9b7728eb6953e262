package io.conflux.engine.interpreter;

import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import io.conflux.engine.interpreter.ExecutionState.TimerKind;

/**
 * RedriveExecution: an execution that failed, timed out or was aborted runs again from where it stopped, with the
 * input each unfinished state had. The execution's frames are kept when it ends (each at the state it stood in, with
 * its variables), so a redrive enters those states again: the root frame's state, and inside a Map or Parallel state
 * only the iterations and branches that had not succeeded, each where it stopped; the others keep their results.
 * The history goes on after the end: ExecutionRedriven, then the states entered again.
 *
 * <p>The execution's TimeoutSeconds counts again from the redrive; retries start afresh in each state entered
 * again. The redrive is an event like any other, so a store rebuilds a redriven execution by replaying its events.
 */
final class Redrive {
    private Redrive() {}

    static void apply(Run run) {
        ExecutionState s = run.state();
        if (!s.status.isTerminal() || s.status == ExecutionStatus.SUCCEEDED || s.test != null) {
            return; // only an unsuccessful end can be redriven
        }
        s.redriveCount++;
        s.redriveTime = run.now();
        s.status = ExecutionStatus.RUNNING;
        s.output = null;
        s.error = null;
        s.cause = null;
        s.stopTime = null;
        s.contextExecution = null; // $$.Execution.RedriveCount and RedriveTime change
        long redriven = run.append(s.lastEventId, EventType.ExecutionRedriven,
                new EventDetails.ExecutionRedriven(s.redriveCount));
        Long timeout = s.machine.timeoutSeconds();
        if (timeout != null) {
            run.newTimer(TimerKind.EXECUTION_TIMEOUT, null, null, run.now().plusSeconds(timeout));
        }
        Frame root = s.root;
        if (root == null) {
            // It ended before its first state (its input was refused): it starts again.
            root = run.newFrame(null, -1, s.machine.graph());
            root.input = s.input;
            root.head = redriven;
            s.root = root;
        } else {
            resume(run, root, redriven);
        }
        run.runFrame(root);
    }

    /** A frame that ended unsuccessfully, put back to enter the state it stood in again. */
    static Frame resume(Run run, Frame f, long head) {
        f.phase = Frame.Phase.ENTER;
        f.head = head;
        f.redriven = true;
        f.task = null;
        f.timerId = null;
        f.fanOut = null;
        run.state().frames.put(f.id, f);
        return f;
    }
}
