package io.conflux.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.StateMachineRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Aliases, {@code STATE_MACHINE_ARN:NAME}, which route executions to one or two versions by weight:
 * Create/Describe/Update/Delete/ListStateMachineAliases. StartExecution on an alias picks the version
 * ({@link Executions}).
 */
final class AliasApi {
    private final Registry registry;
    private final Clock clock;

    AliasApi(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateStateMachineAlias", this::createStateMachineAlias);
        ops.put("DescribeStateMachineAlias", this::describeStateMachineAlias);
        ops.put("UpdateStateMachineAlias", this::updateStateMachineAlias);
        ops.put("DeleteStateMachineAlias", this::deleteStateMachineAlias);
        ops.put("ListStateMachineAliases", this::listStateMachineAliases);
    }

    // ---- aliases ----------------------------------------------------------------------------------------------

    private static List<AliasRecord.Route> readRouting(Request r, boolean required) {
        return required ? r.requiredList("routingConfiguration", 1, 2, AliasApi::readRoute)
                : r.optionalList("routingConfiguration", 1, 2, AliasApi::readRoute);
    }

    private static AliasRecord.Route readRoute(Request item) {
        String versionArn = item.requiredString("stateMachineVersionArn", 1, 256);
        Integer weight = item.requiredInt("weight", 0, 100);
        return new AliasRecord.Route(versionArn, weight == null ? 0 : weight);
    }

    /**
     * Checks a routing configuration as AWS does, in AWS's order and words; returns the unqualified ARN of the state
     * machine whose versions it routes to.
     */
    private String checkRouting(List<AliasRecord.Route> routing) {
        List<String> arns = routing.stream().map(AliasRecord.Route::versionArn).toList();
        List<Arn> parsed = new ArrayList<>();
        for (String a : arns) {
            Arn arn = Arn.parse(a);
            if (!arn.type().equals(Arn.STATE_MACHINE) || !arn.isVersion()) {
                throw Errors.validation("Routing configuration must contain state machine version ARNs. Received: "
                        + arns, "INVALID_ROUTING_CONFIGURATION");
            }
            parsed.add(arn);
        }
        if (new HashSet<>(arns).size() != arns.size()) {
            throw Errors.validation("Routing configuration must contain distinct state machine version ARNs. "
                    + "Received: " + arns, "INVALID_ROUTING_CONFIGURATION");
        }
        if (routing.stream().mapToInt(AliasRecord.Route::weight).sum() != 100) {
            throw Errors.validation("Sum of routing configuration weights must equal 100. Received: "
                    + routing.stream().map(AliasRecord.Route::weight).toList(), "INVALID_ROUTING_CONFIGURATION");
        }
        String stateMachineArn = parsed.get(0).unqualified();
        if (parsed.stream().anyMatch(a -> !a.unqualified().equals(stateMachineArn))) {
            throw Errors.validation("Routing configuration must contain versions of one state machine. Received: "
                    + arns, "INVALID_ROUTING_CONFIGURATION");
        }
        for (String a : arns) {
            if (registry.version(a).isEmpty()) {
                throw Errors.resourceNotFound(a);
            }
        }
        return stateMachineArn;
    }

    private ObjectNode createStateMachineAlias(Request r) {
        String description = r.optionalString("description", 0, 256);
        String name = r.requiredString("name", 1, 80, Names.ALIAS);
        List<AliasRecord.Route> routing = readRouting(r, true);
        r.validate();
        String stateMachineArn = checkRouting(routing);
        if (registry.stateMachine(stateMachineArn).isEmpty()) {
            throw Errors.resourceNotFound(stateMachineArn);
        }
        Instant now = clock.instant();
        AliasRecord wanted = new AliasRecord(stateMachineArn + ":" + name, stateMachineArn, name, description,
                List.copyOf(routing), now, now);
        AliasRecord alias = registry.createAlias(wanted);
        if (alias != wanted && (!Objects.equals(alias.description(), description)
                || !alias.routing().equals(wanted.routing()))) {
            throw Errors.conflict("Failed to create alias because an alias with the same name and a different "
                    + "routing configuration already exists.");
        }
        ObjectNode out = Json.object();
        out.put("creationDate", Timestamps.seconds(alias.created()));
        out.put("stateMachineAliasArn", alias.arn());
        return out;
    }

    private AliasRecord alias(String arnText) {
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (!arn.isQualified() || arn.isVersion() || arn.names().size() != 2) {
            throw Errors.invalidArn("Expected a state machine alias ARN: " + arnText);
        }
        return registry.alias(arnText).orElseThrow(() -> Errors.resourceNotFound(arnText));
    }

    private ObjectNode describeStateMachineAlias(Request r) {
        String arnText = r.requiredString("stateMachineAliasArn", 1, 256);
        r.validate();
        AliasRecord a = alias(arnText);
        ObjectNode out = Json.object();
        out.put("stateMachineAliasArn", a.arn());
        out.put("name", a.name());
        if (a.description() != null) {
            out.put("description", a.description());
        }
        ArrayNode routes = out.putArray("routingConfiguration");
        a.routing().forEach(route -> routes.addObject().put("stateMachineVersionArn", route.versionArn())
                .put("weight", route.weight()));
        out.put("creationDate", Timestamps.seconds(a.created()));
        out.put("updateDate", Timestamps.seconds(a.updated()));
        return out;
    }

    private ObjectNode updateStateMachineAlias(Request r) {
        String arnText = r.requiredString("stateMachineAliasArn", 1, 256);
        String description = r.optionalString("description", 0, 256);
        List<AliasRecord.Route> routing = readRouting(r, false);
        r.validate();
        if (description == null && routing == null) {
            throw Errors.validation("Either the description or the routing configuration must be specified",
                    "MISSING_REQUIRED_PARAMETER");
        }
        AliasRecord a = alias(arnText);
        if (routing != null && !checkRouting(routing).equals(a.stateMachineArn())) {
            throw Errors.validation("Routing configuration must contain versions of the alias's state machine "
                    + a.stateMachineArn() + ". Received: " + routing.stream().map(AliasRecord.Route::versionArn)
                    .toList(), "INVALID_ROUTING_CONFIGURATION");
        }
        Instant now = clock.instant();
        AliasRecord updated = new AliasRecord(a.arn(), a.stateMachineArn(), a.name(),
                description != null ? description : a.description(), routing != null ? List.copyOf(routing)
                : a.routing(), a.created(), now);
        if (!registry.updateAlias(updated)) {
            throw Errors.resourceNotFound(arnText);
        }
        ObjectNode out = Json.object();
        out.put("updateDate", Timestamps.seconds(now));
        return out;
    }

    private ObjectNode deleteStateMachineAlias(Request r) {
        String arnText = r.requiredString("stateMachineAliasArn", 1, 256);
        r.validate();
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (!arn.isQualified() || arn.isVersion()) {
            throw Errors.invalidArn("Expected a state machine alias ARN: " + arnText);
        }
        registry.deleteAlias(arnText);
        return Json.object();
    }

    private ObjectNode listStateMachineAliases(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        String nextToken = r.optionalString("nextToken", 1, 1024);
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        r.validate();
        StateMachineRecord sm = Catalog.unqualified(registry, arnText);
        String scope = "ListStateMachineAliases\n" + arnText;
        String after = nextToken == null ? null : PageTokens.decode(nextToken, scope);
        int size = PageTokens.pageSize(maxResults);
        List<AliasRecord> all = registry.aliases(sm.arn()).stream()
                .filter(a -> after == null || a.arn().compareTo(after) > 0).toList();
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("stateMachineAliases");
        for (AliasRecord a : all.subList(0, Math.min(size, all.size()))) {
            items.addObject().put("stateMachineAliasArn", a.arn()).put("creationDate", Timestamps.seconds(a.created()));
        }
        if (all.size() > size) {
            out.put("nextToken", PageTokens.encode(scope, all.get(size - 1).arn()));
        }
        return out;
    }
}
