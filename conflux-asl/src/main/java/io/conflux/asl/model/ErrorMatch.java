package io.conflux.asl.model;

import io.conflux.asl.expr.ErrorNames;
import java.util.List;

/** How ErrorEquals matches an error name. */
final class ErrorMatch {
    private ErrorMatch() {}

    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(error)) {
                // States.Runtime is never retried nor caught, even when named (AWS: it always fails the execution).
                return !ErrorNames.RUNTIME.equals(error);
            }
            if (ErrorNames.ALL.equals(name)) {
                return !ErrorNames.isTerminal(error);
            }
            // AWS: in Retry and Catch, States.TaskFailed matches any error except States.Timeout.
            if (ErrorNames.TASK_FAILED.equals(name) && !error.equals(ErrorNames.TIMEOUT)
                    && !ErrorNames.isTerminal(error)) {
                return true;
            }
        }
        return false;
    }
}
