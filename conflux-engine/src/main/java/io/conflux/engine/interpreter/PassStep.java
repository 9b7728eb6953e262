package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.PassState;
import java.util.Map;

/** Pass: output = the input, or Result, or Parameters, placed by ResultPath (JSONPath) or shaped by Output. */
final class PassStep {
    private PassStep() {}

    static Outcome execute(Run run, Frame f, PassState p) {
        StateScope raw = StateScope.of(run, f, f.input);
        JsonNode output;
        Map<String, JsonNode> assigned;
        if (DataFlow.jsonata(p)) {
            assigned = DataFlow.assign(p.io().assign(), raw);
            output = p.io().output() == null ? f.input : p.io().output().evaluate(raw);
        } else {
            JsonNode result = p.result() != null ? p.result() : DataFlow.effectiveInput(p, raw);
            if (p.result() != null) {
                run.inspect(TestProbe.RESULT, result);
            }
            run.inspect(TestProbe.AFTER_RESULT_SELECTOR, result);
            assigned = DataFlow.assign(p.io().assign(), raw.withInput(result));
            output = DataFlow.output(p, result, raw);
        }
        run.exited(f, output, assigned);
        return Outcome.leave(p.transition(), output);
    }
}
