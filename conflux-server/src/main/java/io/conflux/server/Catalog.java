package io.conflux.server;

import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.StateMachineRecord;
import io.conflux.engine.registry.VersionRecord;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State machines as executions need them: an ARN resolved to the state machine, version or alias it names, and the
 * compiled machine of each revision. Definitions are compiled once per revision and cached; the registry keeps only
 * their text.
 */
final class Catalog {

    /** What a state machine ARN names. */
    sealed interface Target {
        StateMachineRecord stateMachine();

        record Latest(StateMachineRecord stateMachine) implements Target {}

        record Version(StateMachineRecord stateMachine, VersionRecord version) implements Target {}

        record Alias(StateMachineRecord stateMachine, AliasRecord alias) implements Target {}
    }

    private final Registry registry;
    /** By unqualified or version ARN. */
    private final Map<String, Revision> compiled = new ConcurrentHashMap<>();

    Catalog(Registry registry) {
        this.registry = registry;
    }

    Registry registry() {
        return registry;
    }

    /** The state machine an ARN without a version or alias names: InvalidArn for a qualified one. */
    static StateMachineRecord unqualified(Registry registry, String arnText) {
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (arn.isQualified()) {
            throw Errors.invalidArn("Expected a state machine ARN without a version or alias: " + arnText);
        }
        return registry.stateMachine(arnText).orElseThrow(() -> Errors.stateMachineDoesNotExist(arnText));
    }

    /** Parses a definition for a state machine of {@code type}; InvalidDefinition with AWS's message if invalid. */
    static ParseResult compile(String definition, String type) {
        ParseResult r = Asl.parse(definition, Asl.Options.DEFAULT.withExpress("EXPRESS".equals(type)));
        if (!r.isValid()) {
            throw Errors.invalidDefinition(r.invalidDefinitionMessage());
        }
        return r;
    }

    /**
     * Resolves a state machine, version or alias ARN. StateMachineDoesNotExist when it names nothing, as AWS reports
     * it for all three.
     */
    Target resolve(String arnText) {
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (arn.names().size() > 2) {
            throw Errors.invalidArn("Invalid ARN format: " + arnText);
        }
        StateMachineRecord sm = registry.stateMachine(arn.unqualified())
                .orElseThrow(() -> Errors.stateMachineDoesNotExist(arnText));
        if (!arn.isQualified()) {
            return new Target.Latest(sm);
        }
        if (arn.isVersion()) {
            return registry.version(arnText).<Target>map(v -> new Target.Version(sm, v))
                    .orElseThrow(() -> Errors.stateMachineDoesNotExist(arnText));
        }
        return registry.alias(arnText).<Target>map(a -> new Target.Alias(sm, a))
                .orElseThrow(() -> Errors.stateMachineDoesNotExist(arnText));
    }

    /** The latest revision of a state machine, compiled. */
    Revision latest(StateMachineRecord sm) {
        Revision r = compiled.get(sm.arn());
        // The definition text identifies the revision: an update replaces it (String.equals is an identity check
        // first, so this costs nothing while the record is the cached one).
        if (r != null && r.definition().equals(sm.definition()) && r.roleArn().equals(sm.roleArn())
                && Objects.equals(r.revisionId(), sm.revisionId())) {
            return r;
        }
        r = new Revision(sm.arn(), null, sm.name(), sm.type(), sm.definition(), sm.roleArn(), sm.revisionId(),
                sm.updated(), sm.loggingConfiguration(), sm.tracingConfiguration(),
                compile(sm.definition(), sm.type()).machine());
        compiled.put(sm.arn(), r);
        return r;
    }

    /** A published version, compiled. */
    Revision version(StateMachineRecord sm, VersionRecord v) {
        return compiled.computeIfAbsent(v.arn(), k -> new Revision(sm.arn(), v.arn(), sm.name(), sm.type(),
                v.definition(), v.roleArn(), v.revisionId(), v.created(), sm.loggingConfiguration(),
                sm.tracingConfiguration(), compile(v.definition(), sm.type()).machine()));
    }

    /** Drops cached compilations of a state machine or version that no longer exists. */
    void forget(String arn) {
        compiled.remove(arn);
        compiled.keySet().removeIf(k -> k.startsWith(arn + ":"));
    }
}
