package io.conflux.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.Asl;
import io.conflux.asl.Diagnostic;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.StateMachineRecord;
import io.conflux.engine.registry.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * State machines, their versions and aliases: CreateStateMachine … ListStateMachineAliases, and
 * ValidateStateMachineDefinition.
 */
final class StateMachineApi {
    private final Catalog catalog;
    private final Registry registry;
    private final TagApi tags;
    private final Clock clock;
    private final String partition;
    private final String region;
    private final String account;

    StateMachineApi(Catalog catalog, TagApi tags, Clock clock, ServerConfig config) {
        this.catalog = catalog;
        this.registry = catalog.registry();
        this.tags = tags;
        this.clock = clock;
        this.partition = "aws";
        this.region = config.region();
        this.account = config.accountId();
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateStateMachine", this::createStateMachine);
        ops.put("DescribeStateMachine", this::describeStateMachine);
        ops.put("UpdateStateMachine", this::updateStateMachine);
        ops.put("DeleteStateMachine", this::deleteStateMachine);
        ops.put("ListStateMachines", this::listStateMachines);
        ops.put("PublishStateMachineVersion", this::publishStateMachineVersion);
        ops.put("ListStateMachineVersions", this::listStateMachineVersions);
        ops.put("DeleteStateMachineVersion", this::deleteStateMachineVersion);
        ops.put("ValidateStateMachineDefinition", this::validateStateMachineDefinition);
    }

    // ---- state machines ---------------------------------------------------------------------------------------

    private ObjectNode createStateMachine(Request r) {
        String name = r.requiredString("name", 1, 80);
        String definition = r.requiredString("definition", 1, 1_048_576);
        String roleArn = r.requiredString("roleArn", 1, 256);
        String type = r.optionalEnum("type", Names.STATE_MACHINE_TYPES);
        JsonNode logging = readLogging(r);
        JsonNode tracing = readTracing(r);
        Map<String, String> newTags = TagApi.read(r);
        boolean publish = r.optionalBoolean("publish", false);
        String versionDescription = r.optionalString("versionDescription", 0, 256);
        r.validate();
        if (type == null) {
            type = "STANDARD";
        }
        Names.requireValid(name);
        requireRoleArn(roleArn);
        requireVersionDescriptionOnlyWithPublish(publish, versionDescription);
        checkLogging(logging);
        Catalog.compile(definition, type);

        Instant now = clock.instant();
        String arn = Arn.stateMachine(partition, region, account, name);
        StateMachineRecord wanted = new StateMachineRecord(arn, name, type, definition, roleArn, null,
                logging, tracing, null, now, now);
        StateMachineRecord sm = registry.createStateMachine(wanted);
        if (sm != wanted) {
            // CreateStateMachine is idempotent on name, definition, type and configurations; roleArn and tags of a
            // repeated request are ignored, as AWS ignores them.
            if (!sm.definition().equals(definition) || !sm.type().equals(type)
                    || !sm.loggingConfiguration().equals(logging) || !sm.tracingConfiguration().equals(tracing)) {
                throw Errors.stateMachineAlreadyExists(arn);
            }
        } else {
            catalog.latest(sm);
            tags.tagNew(arn, newTags);
        }
        ObjectNode out = Json.object();
        out.put("stateMachineArn", sm.arn());
        out.put("creationDate", Timestamps.seconds(sm.created()));
        if (publish) {
            VersionRecord v = publish(sm, versionDescription);
            out.put("stateMachineVersionArn", v.arn());
        }
        return out;
    }

    private ObjectNode describeStateMachine(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        String includedData = r.optionalEnum("includedData", Names.INCLUDED_DATA);
        r.validate();
        boolean withDefinition = !"METADATA_ONLY".equals(includedData);
        return switch (catalog.resolve(arnText)) {
            case Catalog.Target.Latest l -> describe(l.stateMachine(), null, withDefinition);
            case Catalog.Target.Version v -> describe(v.stateMachine(), v.version(), withDefinition);
            case Catalog.Target.Alias a -> throw Errors.resourceTypeNotValid("alias");
        };
    }

    private static ObjectNode describe(StateMachineRecord sm, VersionRecord version, boolean withDefinition) {
        ObjectNode out = Json.object();
        out.put("stateMachineArn", version == null ? sm.arn() : version.arn());
        out.put("name", sm.name());
        out.put("status", "ACTIVE");
        if (withDefinition) {
            out.put("definition", version == null ? sm.definition() : version.definition());
        }
        out.put("roleArn", version == null ? sm.roleArn() : version.roleArn());
        out.put("type", sm.type());
        out.put("creationDate", Timestamps.seconds(version == null ? sm.created() : version.created()));
        out.set("loggingConfiguration", sm.loggingConfiguration());
        out.set("tracingConfiguration", sm.tracingConfiguration());
        String revisionId = version == null ? sm.revisionId() : version.revisionId();
        if (revisionId != null) {
            out.put("revisionId", revisionId);
        }
        if (version != null && version.description() != null) {
            out.put("description", version.description());
        }
        return out;
    }

    private ObjectNode updateStateMachine(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        String definition = r.optionalString("definition", 1, 1_048_576);
        String roleArn = r.optionalString("roleArn", 1, 256);
        JsonNode logging = r.has("loggingConfiguration") ? readLogging(r) : null;
        JsonNode tracing = r.has("tracingConfiguration") ? readTracing(r) : null;
        boolean publish = r.optionalBoolean("publish", false);
        String versionDescription = r.optionalString("versionDescription", 0, 256);
        r.validate();
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (arn.isQualified()) {
            throw Errors.stateMachineDoesNotExist(arnText);
        }
        if (definition == null && roleArn == null && logging == null && tracing == null) {
            throw Errors.missingRequiredParameter("Either the definition, the role ARN, the LoggingConfiguration, "
                    + "or the TracingConfiguration must be specified");
        }
        requireVersionDescriptionOnlyWithPublish(publish, versionDescription);
        if (roleArn != null) {
            requireRoleArn(roleArn);
        }
        if (logging != null) {
            checkLogging(logging);
        }
        StateMachineRecord sm = registry.stateMachine(arnText)
                .orElseThrow(() -> Errors.stateMachineDoesNotExist(arnText));
        if (definition != null) {
            Catalog.compile(definition, sm.type());
        }
        String newDefinition = definition != null ? definition : sm.definition();
        String newRole = roleArn != null ? roleArn : sm.roleArn();
        JsonNode newLogging = logging != null ? logging : sm.loggingConfiguration();
        JsonNode newTracing = tracing != null ? tracing : sm.tracingConfiguration();
        boolean changed = !newDefinition.equals(sm.definition()) || !newRole.equals(sm.roleArn())
                || !newLogging.equals(sm.loggingConfiguration()) || !newTracing.equals(sm.tracingConfiguration());
        // An update that changes nothing keeps the revision: publishing after it returns the same version.
        String revisionId = changed ? UUID.randomUUID().toString() : sm.revisionId();
        Instant now = clock.instant();
        StateMachineRecord updated = new StateMachineRecord(sm.arn(), sm.name(), sm.type(), newDefinition, newRole,
                sm.description(), newLogging, newTracing, revisionId, sm.created(), now);
        if (!registry.updateStateMachine(updated)) {
            throw Errors.stateMachineDoesNotExist(arnText);
        }
        catalog.latest(updated);
        ObjectNode out = Json.object();
        out.put("updateDate", Timestamps.seconds(now));
        if (revisionId != null) {
            out.put("revisionId", revisionId);
        }
        if (publish) {
            out.put("stateMachineVersionArn", publish(updated, versionDescription).arn());
        }
        return out;
    }

    private ObjectNode deleteStateMachine(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        r.validate();
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (arn.isQualified()) {
            throw Errors.validation("Expected a state machine ARN without a version or alias, but got '" + arnText
                    + "'. Delete versions with DeleteStateMachineVersion and aliases with DeleteStateMachineAlias.");
        }
        // Executions that run keep running: they hold their compiled revision.
        registry.deleteStateMachine(arnText);
        catalog.forget(arnText);
        return Json.object();
    }

    private ObjectNode listStateMachines(Request r) {
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        String nextToken = r.optionalString("nextToken", 1, 1024);
        r.validate();
        int size = PageTokens.pageSize(maxResults);
        String after = nextToken == null ? null : PageTokens.decode(nextToken, "ListStateMachines");
        List<StateMachineRecord> page = registry.stateMachines(after, size + 1);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("stateMachines");
        for (StateMachineRecord sm : page.subList(0, Math.min(size, page.size()))) {
            items.addObject().put("stateMachineArn", sm.arn()).put("name", sm.name()).put("type", sm.type())
                    .put("creationDate", Timestamps.seconds(sm.created()));
        }
        if (page.size() > size) {
            out.put("nextToken", PageTokens.encode("ListStateMachines", page.get(size - 1).arn()));
        }
        return out;
    }

    // ---- versions ---------------------------------------------------------------------------------------------

    private VersionRecord publish(StateMachineRecord sm, String description) {
        return registry.publishVersion(sm.arn(), sm.definition(), sm.roleArn(), description, sm.revisionId(),
                clock.instant()).orElseThrow(() -> Errors.stateMachineDoesNotExist(sm.arn()));
    }

    private ObjectNode publishStateMachineVersion(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        String revisionId = r.optionalString("revisionId", 0, Integer.MAX_VALUE);
        String description = r.optionalString("description", 0, 256);
        r.validate();
        StateMachineRecord sm = Catalog.unqualified(registry, arnText);
        if (revisionId != null && !revisionId.equals(sm.revisionId())) {
            throw Errors.conflict("Failed to publish the State Machine version for revision " + revisionId
                    + ". The current State Machine revision is " + sm.revisionId() + ".");
        }
        VersionRecord v = publish(sm, description);
        ObjectNode out = Json.object();
        out.put("creationDate", Timestamps.seconds(v.created()));
        out.put("stateMachineVersionArn", v.arn());
        return out;
    }

    private ObjectNode listStateMachineVersions(Request r) {
        String arnText = r.requiredString("stateMachineArn", 1, 256);
        String nextToken = r.optionalString("nextToken", 1, 1024);
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        r.validate();
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (arn.isQualified()) {
            throw Errors.validation("Expected a state machine ARN without a version or alias, but got '" + arnText
                    + "'");
        }
        String scope = "ListStateMachineVersions\n" + arnText;
        int below = nextToken == null ? Integer.MAX_VALUE : parseInt(PageTokens.decode(nextToken, scope));
        int size = PageTokens.pageSize(maxResults);
        List<VersionRecord> all = registry.versions(arnText).stream().filter(v -> v.version() < below).toList();
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("stateMachineVersions");
        for (VersionRecord v : all.subList(0, Math.min(size, all.size()))) {
            items.addObject().put("stateMachineVersionArn", v.arn())
                    .put("creationDate", Timestamps.seconds(v.created()));
        }
        if (all.size() > size) {
            out.put("nextToken", PageTokens.encode(scope, Integer.toString(all.get(size - 1).version())));
        }
        return out;
    }

    private ObjectNode deleteStateMachineVersion(Request r) {
        String arnText = r.requiredString("stateMachineVersionArn", 1, 2000);
        r.validate();
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE);
        if (!arn.isVersion()) {
            throw Errors.invalidArn("Expected a state machine version ARN: " + arnText);
        }
        List<String> referencing = registry.aliases(arn.unqualified()).stream()
                .filter(a -> a.routing().stream().anyMatch(route -> route.versionArn().equals(arnText)))
                .map(AliasRecord::name).toList();
        if (!referencing.isEmpty()) {
            throw Errors.conflict("Version to be deleted must not be referenced by an alias. Current list of aliases "
                    + "referencing this version: [" + String.join(", ", referencing) + "]");
        }
        registry.deleteVersion(arnText);
        catalog.forget(arnText);
        return Json.object();
    }

    // ---- validation -------------------------------------------------------------------------------------------

    private ObjectNode validateStateMachineDefinition(Request r) {
        String definition = r.requiredString("definition", 1, 1_048_576);
        String type = r.optionalEnum("type", Names.STATE_MACHINE_TYPES);
        String severity = r.optionalEnum("severity", Names.SEVERITIES);
        Integer maxResults = r.optionalInt("maxResults", 0, 100);
        r.validate();
        ParseResult parsed = Asl.parse(definition, Asl.Options.DEFAULT.withExpress("EXPRESS".equals(type)));
        boolean warnings = "WARNING".equals(severity);
        List<Diagnostic> shown = parsed.diagnostics().stream().filter(d -> warnings || d.isError()).toList();
        int limit = maxResults == null || maxResults == 0 ? 100 : maxResults;
        ObjectNode out = Json.object();
        out.put("result", parsed.isValid() ? "OK" : "FAIL");
        ArrayNode list = out.putArray("diagnostics");
        for (Diagnostic d : shown.subList(0, Math.min(limit, shown.size()))) {
            ObjectNode o = list.addObject();
            o.put("severity", d.severity().name());
            o.put("code", d.code());
            o.put("message", d.message());
            if (d.location() != null) {
                o.put("location", d.location());
            }
        }
        out.put("truncated", shown.size() > limit);
        return out;
    }

    // ---- shared checks ----------------------------------------------------------------------------------------

    private static void requireRoleArn(String roleArn) {
        if (!roleArn.startsWith("arn:")) {
            throw Errors.invalidArnPrefix(roleArn);
        }
    }

    private static void requireVersionDescriptionOnlyWithPublish(boolean publish, String versionDescription) {
        if (versionDescription != null && !publish) {
            throw Errors.validation("Version description can only be set when publish is true");
        }
    }

    /** The logging configuration as given, with AWS's defaults filled in (level OFF, no execution data). */
    private static JsonNode readLogging(Request r) {
        Request l = r.optionalStructure("loggingConfiguration");
        ObjectNode out = Json.object();
        if (l == null) {
            return out.put("includeExecutionData", false).put("level", "OFF");
        }
        String level = l.optionalEnum("level", Names.LOG_LEVELS);
        boolean includeData = l.optionalBoolean("includeExecutionData", false);
        List<String> groups = l.optionalList("destinations", 0, Integer.MAX_VALUE, d -> {
            Request group = d.optionalStructure("cloudWatchLogsLogGroup");
            return group == null ? null : group.optionalString("logGroupArn", 1, 256);
        });
        out.put("includeExecutionData", includeData).put("level", level == null ? "OFF" : level);
        if (groups != null && !groups.isEmpty()) {
            ArrayNode destinations = out.putArray("destinations");
            for (String g : groups) {
                ObjectNode group = destinations.addObject().putObject("cloudWatchLogsLogGroup");
                if (g != null) {
                    group.put("logGroupArn", g);
                }
            }
        }
        return out;
    }

    private static void checkLogging(JsonNode logging) {
        int destinations = logging.path("destinations").size();
        if (destinations > 1 || !"OFF".equals(logging.path("level").asText()) && destinations != 1) {
            throw Errors.invalidLoggingConfiguration("Must specify exactly one Log Destination.");
        }
    }

    private static JsonNode readTracing(Request r) {
        Request t = r.optionalStructure("tracingConfiguration");
        return Json.object().put("enabled", t != null && t.optionalBoolean("enabled", false));
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw Errors.invalidToken("Invalid token");
        }
    }
}
