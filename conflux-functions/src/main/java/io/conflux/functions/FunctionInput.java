package io.conflux.functions;

import java.time.Duration;
import java.util.Map;

/**
 * What a caller gives to create or change a function: every field may be null (not given). CreateFunction fills
 * what is missing with Lambda's defaults; UpdateFunctionConfiguration changes only what is given.
 */
record FunctionInput(
        String runtime,
        String handler,
        String description,
        String role,
        Integer memoryMb,
        Integer timeoutSeconds,
        Map<String, String> environment,
        Integer reservedConcurrency,
        Integer provisioned,
        Duration idleTtl,
        byte[] zip) {

    static FunctionInput empty() {
        return new FunctionInput(null, null, null, null, null, null, null, null, null, null, null);
    }
}
