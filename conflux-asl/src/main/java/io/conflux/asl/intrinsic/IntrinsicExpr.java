package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.expr.ValueExpr;

/**
 * A compiled intrinsic call as written in a {@code "key.$"} field. Failures are {@code States.Runtime}, which is what
 * AWS reports for them (not States.IntrinsicFailure), with AWS's cause: "The function '…' had the following error:
 * …", naming the whole expression as written.
 */
record IntrinsicExpr(String text, Expr root) implements ValueExpr {

    @Override
    public JsonNode evaluate(Scope scope) {
        try {
            return root.eval(scope);
        } catch (EvaluationFailure e) {
            throw StatesException.runtime("The function '" + text + "' had the following error: " + e.detail());
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
