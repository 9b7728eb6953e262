package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Template;
import io.conflux.asl.model.ChoiceState;
import java.util.Map;

/** Choice: the first rule that holds names the next state; else Default; else States.NoChoiceMatched. */
final class ChoiceStep {
    private ChoiceStep() {}

    static Outcome execute(Run run, Frame f, ChoiceState c) {
        StateScope raw = StateScope.of(run, f, f.input);
        boolean jsonata = DataFlow.jsonata(c);
        JsonNode effective = jsonata ? f.input : DataFlow.inputPath(c, f.input, raw);
        StateScope scope = raw.withInput(effective);
        for (ChoiceState.Rule rule : c.choices()) {
            if (rule.condition() != null && rule.condition().test(scope)) {
                return leave(run, f, c, rule.next(), rule.assign(), rule.output(), scope, raw);
            }
        }
        if (c.defaultNext() != null) {
            return leave(run, f, c, c.defaultNext(), c.io().assign(), null, scope, raw);
        }
        return new Outcome.Failed(ErrorNames.NO_CHOICE_MATCHED, null, false);
    }

    private static Outcome leave(Run run, Frame f, ChoiceState c, String next, Template ruleAssign,
            Template ruleOutput, StateScope scope, StateScope raw) {
        Template assign = ruleAssign != null ? ruleAssign : c.io().assign();
        Map<String, JsonNode> assigned = DataFlow.assign(assign, DataFlow.jsonata(c) ? raw : scope);
        JsonNode output;
        if (DataFlow.jsonata(c)) {
            Template out = ruleOutput != null ? ruleOutput : c.io().output();
            output = out == null ? f.input : out.evaluate(raw);
        } else {
            output = DataFlow.outputPath(c, scope.input(), scope);
        }
        run.exited(f, output, assigned);
        return new Outcome.Next(next, output);
    }
}
