package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.jsonata.JsonataExpr;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.ValueSource;
import java.util.Map;

/** Succeed and Fail: the states that end their graph. */
final class EndSteps {
    private EndSteps() {}

    static Outcome succeed(Run run, Frame f, SucceedState s) {
        StateScope raw = StateScope.of(run, f, f.input);
        JsonNode output;
        if (DataFlow.jsonata(s)) {
            output = s.io().output() == null ? f.input : s.io().output().evaluate(raw);
        } else {
            JsonNode effective = DataFlow.inputPath(s, f.input, raw);
            output = DataFlow.outputPath(s, effective, raw.withInput(effective));
        }
        run.exited(f, output, Map.of());
        return new Outcome.End(output);
    }

    /** Fail: the frame fails with Error and Cause; nothing catches it here (Catch belongs to enclosing states). */
    static Outcome fail(Run run, Frame f, FailState s) {
        StateScope scope = StateScope.of(run, f, f.input);
        if (!DataFlow.jsonata(s)) {
            run.inspect(TestProbe.AFTER_INPUT_PATH, f.input); // a Fail state has no InputPath; AWS shows the input
        }
        String error = text(s.error(), scope);
        String cause = text(s.cause(), scope);
        run.frameFailed(f, error, cause);
        return Outcome.PARKED;
    }

    private static String text(ValueSource source, StateScope scope) {
        return switch (source) {
            case null -> null;
            case ValueSource.Literal l -> l.value().asText();
            case ValueSource.Computed c when c.expr() instanceof JsonataExpr e -> JsonataFields.string(e, scope);
            case ValueSource.Computed c -> {
                JsonNode v = c.expr().evaluate(scope);
                if (v == null || !v.isTextual()) {
                    throw StatesException.runtime("The value of the field '" + c.field()
                            + "' must be a string but was " + (v == null ? "null" : v.getNodeType()));
                }
                yield v.asText();
            }
        };
    }
}
