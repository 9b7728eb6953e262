package io.conflux.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Python functions equivalent to the ones the corpus was recorded with (LocalStack's Step Functions test templates,
 * described by each case's {@code lambda_functions}): same behaviour, and the same lines where a stack trace shows
 * them. Each is deployed as {@code handler.py} with handler {@code handler.handler}, as the recordings were.
 */
final class RecordedFunctions {
    private RecordedFunctions() {}

    static final String IDENTITY = "def handler(event, context):\n    return event\n";
    static final String RAISE = "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n";
    static final String CUSTOM = """
            class CustomException(Exception):
                message: str

                def __init__(self):
                    self.message = "Some custom exception was raised."


            def handler(event, context):
                raise CustomException()
            """;
    static final String LARGE = "def handler(event, context):\n    return \"a\" * 263168\n";
    static final String SLEEP = "import time\n\n\ndef handler(event, context):\n    time.sleep(60)\n    return event\n";
    static final String BYTES = "def handler(event, context):\n    return b'\"HelloWorld!\"'\n";
    static final String DECORATED = "def handler(event, context):\n    return \"input-event-\" + str(event)\n";

    /** The source of a recorded function from its description; empty when no equivalent is known. */
    static Optional<String> source(JsonNode function) {
        String b = function.path("behaviour").asText();
        Map<String, String> byPrefix = Map.of(
                "identity", IDENTITY,
                "always raises Python Exception", RAISE,
                "always raises a custom exception", CUSTOM,
                "returns a 257 KiB payload", LARGE,
                "sleeps 60 seconds", SLEEP,
                "returns the Python bytes", BYTES,
                "returns the string 'input-event-'", DECORATED);
        return byPrefix.entrySet().stream().filter(e -> b.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }
}
