package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.Catcher;
import io.conflux.asl.model.Recoverable;
import io.conflux.asl.model.Retrier;
import io.conflux.engine.interpreter.ExecutionState.TimerKind;
import java.util.List;
import java.util.Map;

/** Retry, then Catch, for a failed Task, Parallel or Map state. */
final class Recovery {
    private Recovery() {}

    /** A retry of the failed state (now, or after a backoff timer), or null when no retrier takes the failure. */
    static Outcome retry(Run run, Frame f, Outcome.Failed failure) {
        if (!(f.state instanceof Recoverable r)) {
            return null;
        }
        return retry(run, f, r.retry(), failure.error() == null ? "" : failure.error());
    }

    /** The state's exit through the first catcher that takes the failure, or null when none does. */
    static Outcome caught(Run run, Frame f, Outcome.Failed failure) {
        if (!(f.state instanceof Recoverable r)) {
            return null;
        }
        return caught(run, f, r.catchers(), failure.error() == null ? "" : failure.error(), failure);
    }

    private static Outcome retry(Run run, Frame f, List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!retrier.matches(error)) {
                continue;
            }
            TestProbe test = run.test();
            if (test != null && f.parent == null) {
                return testRetry(test, i, retrier);
            }
            if (f.attempts == null) {
                f.attempts = new int[retriers.size()];
            }
            int done = f.attempts[i];
            if (done >= retrier.maxAttempts()) {
                return null; // this retrier is spent: AWS goes on to the catchers, not to later retriers
            }
            f.attempts[i]++;
            f.retryCount++;
            double delay = delaySeconds(retrier, done);
            if (retrier.jitter() == Retrier.Jitter.FULL) {
                delay = run.random().nextDouble() * delay;
            }
            long millis = Math.round(delay * 1000);
            if (millis <= 0) {
                return new Outcome.Again();
            }
            f.timerId = run.newTimer(TimerKind.RETRY, f, null, run.now().plusMillis(millis));
            f.phase = Frame.Phase.AWAIT_TIMER;
            return Outcome.PARKED;
        }
        return null;
    }

    /** The delay before retry number {@code done + 1}, without jitter. */
    private static double delaySeconds(Retrier retrier, int done) {
        double delay = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), done);
        return retrier.maxDelaySeconds() == null ? delay : Math.min(delay, retrier.maxDelaySeconds());
    }

    /**
     * TestState does not retry: a retrier with attempts left ends the test RETRIABLE with its backoff; a spent one
     * leaves the failure to the catchers, as in an execution. stateConfiguration says how many retries were made.
     */
    private static Outcome testRetry(TestProbe test, int index, Retrier retrier) {
        test.retryIndex = index;
        int done = test.retryCount();
        if (done >= retrier.maxAttempts()) {
            return null;
        }
        test.retryBackoffSeconds = Math.round(delaySeconds(retrier, done));
        test.retriable = true;
        return Outcome.PARKED;
    }

    private static Outcome caught(Run run, Frame f, List<Catcher> catchers, String error, Outcome.Failed failure) {
        for (int index = 0; index < catchers.size(); index++) {
            Catcher c = catchers.get(index);
            if (!c.matches(error)) {
                continue;
            }
            if (run.test() != null && f.parent == null) {
                run.test().catchIndex = index;
            }
            ObjectNode errorOutput = Json.object();
            errorOutput.put("Error", failure.error());
            // The error output always has a Cause: AWS gives a timed-out task, whose failure has none, "".
            errorOutput.put("Cause", failure.cause() == null ? "" : failure.cause());
            StateScope raw = StateScope.of(run, f, f.input).withErrorOutput(errorOutput);
            try {
                JsonNode output;
                Map<String, JsonNode> assigned;
                if (DataFlow.jsonata(f.state)) {
                    assigned = DataFlow.assign(c.assign(), raw);
                    output = c.output() == null ? errorOutput : c.output().evaluate(raw);
                } else {
                    assigned = DataFlow.assign(c.assign(), raw.withInput(errorOutput));
                    output = DataFlow.placeResult(c.resultPath(), f.input, errorOutput);
                }
                run.exited(f, output, assigned);
                return new Outcome.Next(c.next(), output);
            } catch (StatesException e) {
                Outcome.Failed x = run.evaluationFailure(f, e);
                return new Outcome.Failed(x.error(), x.cause(), false); // a failing catcher is not caught again
            }
        }
        return null;
    }
}
