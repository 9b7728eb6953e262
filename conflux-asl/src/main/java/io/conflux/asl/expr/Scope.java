package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What an expression sees while it is evaluated. The interpreter builds one per evaluation site; the context object
 * and the {@code $states} fields are materialised only when an expression asks for them.
 */
public interface Scope {

    /** {@code $} in JSONPath, {@code $states.input} in JSONata. */
    JsonNode input();

    /** {@code $$} in JSONPath, {@code $states.context} in JSONata. */
    JsonNode context();

    /** The value of variable {@code name} ({@code $name}), or null when it is not bound. */
    JsonNode variable(String name);

    /** {@code $states.result} (JSONata, after a task or a Map/Parallel), or null where there is none. */
    default JsonNode result() {
        return null;
    }

    /** {@code $states.errorOutput} (JSONata, in a Catch), or null where there is none. */
    default JsonNode errorOutput() {
        return null;
    }

    /**
     * Where unseeded randomness comes from: States.UUID, States.MathRandom, {@code $random()}, {@code $uuid()}. The
     * engine gives each execution its own source so that its interpreter stays deterministic; the default is per
     * thread and needs no locking.
     */
    default RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    /** The execution's clock, read by JSONata's {@code $now()} and {@code $millis()}. Injected so tests can fix it. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** A scope that sees only {@code input}: no context object fields and no variables. */
    static Scope ofInput(JsonNode input) {
        return new SimpleScope(input, Json.object(), null);
    }
}
