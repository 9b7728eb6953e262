package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.ParallelState;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import java.util.Map;

/** Parallel: every branch on the same input; the result is their outputs in branch order. */
final class ParallelStep {
    private ParallelStep() {}

    static Outcome execute(Run run, Frame f, ParallelState p) {
        FanOut carried = f.carried; // a redrive's: the branches that had not succeeded, for this attempt only
        f.carried = null;
        StateScope raw = StateScope.of(run, f, f.input);
        JsonNode effective = DataFlow.effectiveInput(p, raw);
        run.emit(f, EventType.ParallelStateStarted, EventDetails.NONE);
        TestProbe test = run.test();
        if (test != null) {
            // TestState: the mock stands for the branches, their results or the error one of them raised.
            if (test.mock instanceof StateTest.Mock.Failure x) {
                return new Outcome.Failed(x.error(), x.cause(), true);
            }
            return succeed(run, f, p, ((StateTest.Mock.Result) test.mock).value());
        }
        f.fanOut = new FanOut(false, null, effective, p.branches().size(), 0, 0, 0);
        f.fanOut.carryOver(carried);
        f.phase = Frame.Phase.AWAIT_CHILDREN;
        run.pump(f);
        return Outcome.PARKED;
    }

    static Frame startBranch(Run run, Frame parent, int index) {
        ParallelState p = (ParallelState) parent.state;
        Frame previous = parent.fanOut.resumable(index);
        if (previous != null) {
            return Redrive.resume(run, previous, parent.head);
        }
        Frame child = run.newFrame(parent, index, p.branches().get(index));
        child.input = parent.fanOut.input;
        return child;
    }

    static Outcome completed(Run run, Frame f, FanOut fo) {
        ParallelState p = (ParallelState) f.state;
        ArrayNode results = Json.array();
        for (JsonNode r : fo.results) {
            results.add(r);
        }
        return succeed(run, f, p, results);
    }

    private static Outcome succeed(Run run, Frame f, ParallelState p, JsonNode results) {
        run.note(f, EventType.ParallelStateSucceeded, EventDetails.NONE); // the exit follows from the same event
        f.phase = Frame.Phase.EXECUTE;
        try {
            return finish(run, f, p, results);
        } catch (StatesException e) {
            return run.evaluationFailure(f, e);
        }
    }

    static Outcome finish(Run run, Frame f, ParallelState p, JsonNode results) {
        StateScope raw = StateScope.of(run, f, f.input);
        Map<String, JsonNode> assigned;
        JsonNode out;
        if (DataFlow.jsonata(p)) {
            assigned = DataFlow.assign(p.io().assign(), raw.withResult(results));
            out = DataFlow.output(p, results, raw);
        } else {
            JsonNode selected = DataFlow.selectResult(p, results, raw);
            assigned = DataFlow.assign(p.io().assign(), raw.withInput(selected));
            out = DataFlow.output(p, selected, raw);
        }
        run.exited(f, out, assigned);
        return Outcome.leave(p.transition(), out);
    }

    /** A branch failed; ParallelStateFailed is recorded once no retrier takes the failure. */
    static Outcome failed(Run run, Frame f, String error, String cause) {
        f.phase = Frame.Phase.EXECUTE;
        return new Outcome.Failed(error, cause, true);
    }
}
