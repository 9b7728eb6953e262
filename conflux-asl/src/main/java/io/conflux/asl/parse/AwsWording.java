package io.conflux.asl.parse;

import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.expr.Problems;

/**
 * Rewords what the expression compilers report into what AWS says. The compilers explain precisely why a path or
 * an intrinsic call does not compile; AWS says only that the field's value must be a valid JSONPath or intrinsic
 * call, and locates that at the payload field (Parameters, Assign …) rather than at the key inside it.
 */
final class AwsWording {
    private AwsWording() {}

    static String invalidPathOrCall(String field) {
        return "The value for the field '" + field + "' must be a valid JSONPath or a valid intrinsic function call";
    }

    /**
     * The Problems to compile a payload template with: path and intrinsic errors become AWS's message, located at
     * {@code templatePointer}; anything else passes through as reported.
     */
    static Problems template(Problems target, String templatePointer) {
        return (pointer, code, message) -> {
            if (isExpressionCode(code)) {
                target.report(templatePointer, DiagnosticCodes.SCHEMA_VALIDATION_FAILED,
                        invalidPathOrCall(lastToken(pointer)), message);
            } else {
                target.report(pointer, code, message);
            }
        };
    }

    /** The Problems to compile one path-or-call field (ErrorPath, CausePath) with: AWS's message at the field. */
    static Problems field(Problems target) {
        return (pointer, code, message) -> template(target, pointer).report(pointer, code, message);
    }

    private static boolean isExpressionCode(String code) {
        return code.equals(DiagnosticCodes.INVALID_JSON_PATH) || code.equals(DiagnosticCodes.INVALID_INTRINSIC_FUNCTION);
    }

    private static String lastToken(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
