package io.conflux.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.StateMachineRecord;
import io.conflux.engine.registry.VersionRecord;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.store.ExecutionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Starting executions and looking them up: what StartExecution, StartSyncExecution and the
 * {@code states:startExecution} task integration share. Executions run on the engine; this class adds what the API
 * shows besides the engine's state: the input text exactly as given, and the revision of the state machine the
 * execution runs.
 */
final class Executions {

    /** What an execution started with. */
    record Launch(String inputText, Revision revision) {}

    /** A started execution: its ARN and start date, or those of the running one an idempotent start found. */
    record Started(String executionArn, Instant startDate) {}

    private final Catalog catalog;
    private final Clock clock;
    private final RandomGenerator random;
    private final int maxPayloadBytes;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private Engine engine;

    Executions(Catalog catalog, Clock clock, RandomGenerator random, int maxPayloadBytes) {
        this.catalog = catalog;
        this.clock = clock;
        this.random = random;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * The engine is built after this class, because its processing nodes (child executions) start executions
     * through it; the server binds the two once, before it serves.
     */
    void bind(Engine engine) {
        this.engine = engine;
    }

    Engine engine() {
        return engine;
    }

    /**
     * Starts an execution of a state machine, version or alias, with AWS's checks in AWS's order: the state machine
     * exists, it is of the right type, the name is valid, the input is JSON. For STANDARD machines a start is
     * idempotent: the same name and input as a running execution give that execution; a different input, or an
     * execution that has ended, give ExecutionAlreadyExists.
     *
     * @param name null for a generated one
     * @param inputText null for {@code {}}
     * @param sync StartSyncExecution (EXPRESS only)
     */
    Started start(String stateMachineArn, String name, String inputText, boolean sync) {
        Catalog.Target target = catalog.resolve(stateMachineArn);
        StateMachineRecord sm = target.stateMachine();
        Revision revision;
        String versionArn = null;
        String aliasArn = null;
        switch (target) {
            case Catalog.Target.Latest l -> revision = catalog.latest(sm);
            case Catalog.Target.Version v -> {
                revision = catalog.version(sm, v.version());
                versionArn = v.version().arn();
            }
            case Catalog.Target.Alias a -> {
                versionArn = route(a.alias());
                aliasArn = a.alias().arn();
                String chosen = versionArn;
                VersionRecord v = catalog.registry().version(chosen)
                        .orElseThrow(() -> Errors.stateMachineDoesNotExist(chosen));
                revision = catalog.version(sm, v);
            }
        }
        boolean express = revision.express();
        if (sync && !express) {
            throw Errors.stateMachineTypeNotSupported();
        }
        String executionName = name == null ? UUID.randomUUID().toString() : Names.requireValid(name);
        String text = inputText == null ? "{}" : inputText;
        JsonNode input = parseInput(text);

        Arn smArn = Arn.parse(sm.arn());
        String executionArn = express
                ? smArn.prefix() + Arn.EXPRESS + ":" + sm.name() + ":" + executionName + ":" + UUID.randomUUID()
                : smArn.prefix() + Arn.EXECUTION + ":" + sm.name() + ":" + executionName;
        if (!express) {
            Optional<Started> again = idempotentStart(executionArn, text);
            if (again.isPresent()) {
                return again.get();
            }
        }
        ExecutionInfo info = new ExecutionInfo(executionArn, executionName, sm.arn(), sm.name(), revision.roleArn(),
                express, sync, aliasArn, versionArn);
        Launch launch = new Launch(text, revision);
        if (launches.putIfAbsent(executionArn, launch) != null) {
            return idempotentStart(executionArn, text).orElseThrow(() -> Errors.executionAlreadyExists(executionArn));
        }
        try {
            engine.start(revision.machine(), info, input);
        } catch (IllegalStateException e) {
            launches.remove(executionArn, launch);
            return idempotentStart(executionArn, text).orElseThrow(() -> Errors.executionAlreadyExists(executionArn));
        }
        ExecutionRecord s = engine.describe(executionArn).orElseThrow();
        return new Started(executionArn, s.startTime());
    }

    /** An existing execution with this ARN: the same one again when it runs with the same input, else a conflict. */
    private Optional<Started> idempotentStart(String executionArn, String inputText) {
        Optional<ExecutionRecord> existing = engine.describe(executionArn);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        ExecutionRecord s = existing.get();
        Launch l = launches.get(executionArn);
        String existingInput = l != null ? l.inputText() : Json.write(s.input());
        if (s.status() == ExecutionStatus.RUNNING && existingInput.equals(inputText)) {
            return Optional.of(new Started(executionArn, s.startTime()));
        }
        throw Errors.executionAlreadyExists(executionArn);
    }

    /** Picks a version of an alias by weight. */
    private String route(AliasRecord alias) {
        int roll = random.nextInt(100);
        int sum = 0;
        for (AliasRecord.Route r : alias.routing()) {
            sum += r.weight();
            if (roll < sum) {
                return r.versionArn();
            }
        }
        return alias.routing().get(alias.routing().size() - 1).versionArn();
    }

    private JsonNode parseInput(String text) {
        if (text.length() > maxPayloadBytes / 3 && text.getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
            throw Errors.constraintViolations(List.of("Value at 'input' failed to satisfy constraint: "
                    + "Member must have size less than or equal to " + maxPayloadBytes + " bytes in UTF-8 encoding"));
        }
        return parseJson(text);
    }

    /** Execution input text as JSON; InvalidExecutionInput, with the parser's message, when it is not. */
    static JsonNode parseJson(String text) {
        try {
            JsonNode n = Json.parse(text);
            if (n == null || n.isMissingNode()) {
                throw Errors.invalidExecutionInput("Invalid execution input.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw Errors.invalidExecutionInput(e.getOriginalMessage());
        }
    }

    /** An execution as DescribeExecution shows it; ExecutionDoesNotExist when there is none. */
    ExecutionRecord find(String executionArn) {
        return engine.describe(executionArn).orElseThrow(() -> Errors.executionDoesNotExist(executionArn));
    }

    /** The input text as given at the start. */
    String inputText(ExecutionRecord e) {
        Launch l = launches.get(e.info().executionArn());
        return l != null ? l.inputText() : Json.write(e.input());
    }

    /**
     * The revision an execution runs. Known for every execution this server started; for others (a store that
     * outlived the process) the version it names, or else the state machine's latest revision.
     */
    Revision revision(ExecutionRecord e) {
        Launch l = launches.get(e.info().executionArn());
        if (l != null) {
            return l.revision();
        }
        StateMachineRecord sm = catalog.registry().stateMachine(e.info().stateMachineArn())
                .orElseThrow(() -> Errors.stateMachineDoesNotExist(e.info().stateMachineArn()));
        if (e.info().versionArn() != null) {
            VersionRecord v = catalog.registry().version(e.info().versionArn())
                    .orElseThrow(() -> Errors.stateMachineDoesNotExist(e.info().versionArn()));
            return catalog.version(sm, v);
        }
        return catalog.latest(sm);
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * AWS's redrive fields of a child execution that succeeded or runs (what a {@code .sync} task sees of it): not
     * redrivable. DescribeExecution judges any execution with {@link RedriveApi#describe}.
     */
    static void redrive(ObjectNode out, ExecutionRecord e, String count, String status, String reason) {
        out.put(count, e.redriveCount());
        out.put(status, "NOT_REDRIVABLE");
        out.put(reason, "Execution is " + (e.status() == ExecutionStatus.SUCCEEDED ? "SUCCEEDED" : "RUNNING")
                + " and cannot be redriven");
    }
}
