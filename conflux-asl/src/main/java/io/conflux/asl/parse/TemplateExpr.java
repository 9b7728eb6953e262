package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.Template;
import io.conflux.asl.expr.ValueExpr;

/** A template used where one value is expected, e.g. a JSONata Items array with expressions inside. */
record TemplateExpr(Template template, String text) implements ValueExpr {
    @Override
    public JsonNode evaluate(Scope scope) {
        return template.evaluate(scope);
    }
}
