package io.conflux.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.spi.ProcessingNode;
import java.util.List;
import java.util.Optional;

/** Stand-ins for the Lambda functions of recorded cases, where the in-process handlers can reproduce them. */
final class RecordedLambdas {
    private RecordedLambdas() {}

    /** Nodes that behave as the case's recorded functions, or empty when they cannot be reproduced here. */
    static Optional<List<ProcessingNode>> nodes(JsonNode c) {
        return Optional.empty();
    }
}
