package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.JException;

/**
 * An error raised by one of Step Functions' own JSONata functions, with the code and text AWS reports. It is a
 * {@link JException} so that the library passes it through untouched, as it passes its own.
 */
final class FunctionError extends JException {
    private final String code;
    private final String text;

    FunctionError(String code, String text) {
        super(code, -1);
        this.code = code;
        this.text = text;
    }

    String code() {
        return code;
    }

    String text() {
        return text;
    }

    /** {@code T0410}: AWS's answer to an argument of the wrong type, or one too many. */
    static FunctionError signature(String function, int argument) {
        return new FunctionError("T0410",
                "Argument " + argument + " of function \"" + function + "\" does not match function signature");
    }

    /** {@code D3137}: the code jsonata-js gives errors raised by functions themselves ({@code $error}). */
    static FunctionError raised(String message) {
        return new FunctionError("D3137", message);
    }
}
