package io.conflux.functions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function as Conflux runs it: what its code is and the limits it runs under. Immutable; a change makes a new
 * spec (and new runtimes: warm ones of an older spec finish what they run and are then stopped).
 *
 * @param name the function's name (unique on the server)
 * @param runtime Lambda's runtime identifier, e.g. {@code python3.12}, {@code nodejs20.x}, {@code java21},
 *     {@code provided.al2023}
 * @param handler what the runtime calls ({@code module.function} for Python, {@code file.export} for Node.js,
 *     {@code package.Class::method} for Java); unused by {@code provided} runtimes
 * @param memoryMb the memory limit, as Lambda's MemorySize (128 to 10240)
 * @param timeoutSeconds how long one invocation may run before it is killed (1 to 900)
 * @param environment the function's own environment variables
 * @param reservedConcurrency at most this many invocations at once (null: the server's default limit)
 * @param provisioned runtimes kept started and warm at all times
 * @param idleTtl how long an idle runtime is kept warm before it is stopped
 * @param codeSha256 base64 SHA-256 of the deployment package, as Lambda reports it
 * @param codeSize size in bytes of the deployment package
 * @param revisionId changes with every update
 */
record FunctionSpec(
        String name,
        String runtime,
        String handler,
        String description,
        String role,
        int memoryMb,
        int timeoutSeconds,
        Map<String, String> environment,
        Integer reservedConcurrency,
        int provisioned,
        Duration idleTtl,
        String codeSha256,
        long codeSize,
        Instant lastModified,
        String revisionId) {

    static final int DEFAULT_MEMORY_MB = 128;
    static final int DEFAULT_TIMEOUT_SECONDS = 3;
    static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(10);

    FunctionSpec {
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    RuntimeFamily family() {
        return RuntimeFamily.of(runtime);
    }

    FunctionSpec withCode(String sha, long size, Instant now, String revision) {
        return new FunctionSpec(name, runtime, handler, description, role, memoryMb, timeoutSeconds, environment,
                reservedConcurrency, provisioned, idleTtl, sha, size, now, revision);
    }

    FunctionSpec withReservedConcurrency(Integer reserved, String revision) {
        return new FunctionSpec(name, runtime, handler, description, role, memoryMb, timeoutSeconds, environment,
                reserved, provisioned, idleTtl, codeSha256, codeSize, lastModified, revision);
    }

    FunctionSpec withProvisioned(int count, String revision) {
        return new FunctionSpec(name, runtime, handler, description, role, memoryMb, timeoutSeconds, environment,
                reservedConcurrency, count, idleTtl, codeSha256, codeSize, lastModified, revision);
    }

    /** Whether running runtimes of {@code other} can keep serving this spec (only concurrency settings differ). */
    boolean sameProcess(FunctionSpec other) {
        return other != null && runtime.equals(other.runtime) && java.util.Objects.equals(handler, other.handler)
                && memoryMb == other.memoryMb && timeoutSeconds == other.timeoutSeconds
                && environment.equals(other.environment) && codeSha256.equals(other.codeSha256);
    }
}
