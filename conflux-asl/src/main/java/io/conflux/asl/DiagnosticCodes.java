package io.conflux.asl;

/** AWS's diagnostic codes (ValidateStateMachineDefinitionDiagnostic). */
public final class DiagnosticCodes {
    public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    public static final String MISSING_DESCRIPTION = "MISSING_DESCRIPTION";
    public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
    public static final String INVALID_RESOURCE = "INVALID_RESOURCE";
    public static final String MISSING_END_STATE = "MISSING_END_STATE";
    public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    public static final String DUPLICATE_LABEL_NAME = "DUPLICATE_LABEL_NAME";
    public static final String INVALID_LABEL_NAME = "INVALID_LABEL_NAME";
    public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    public static final String TOO_DEEPLY_NESTED = "TOO_DEEPLY_NESTED";
    // warnings
    public static final String NO_DOLLAR = "NO_DOLLAR";
    public static final String NO_PATH = "NO_PATH";
    public static final String PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC";

    /*
     * Codes the expression compilers report through io.conflux.asl.expr.Problems. They are not AWS's: the parser
     * rewords them into AWS's SCHEMA_VALIDATION_FAILED messages before they reach a Diagnostic.
     */
    public static final String INVALID_JSON_PATH = "INVALID_JSON_PATH";
    public static final String INVALID_INTRINSIC_FUNCTION = "INVALID_INTRINSIC_FUNCTION";
    public static final String INVALID_JSONATA = "INVALID_JSONATA";

    private DiagnosticCodes() {}
}
