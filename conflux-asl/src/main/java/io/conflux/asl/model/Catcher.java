package io.conflux.asl.model;

import io.conflux.asl.expr.Template;
import java.util.List;

/**
 * One Catch entry: on a matching error, go to {@code next} with the error output ({@code {Error, Cause}}) placed at
 * resultPath (JSONPath) or shaped by output (JSONata).
 */
public record Catcher(
        List<String> errorEquals,
        String next,
        ResultPath resultPath,
        Template output,
        Template assign,
        String comment) {

    public boolean matches(String error) {
        return ErrorMatch.matches(errorEquals, error);
    }
}
