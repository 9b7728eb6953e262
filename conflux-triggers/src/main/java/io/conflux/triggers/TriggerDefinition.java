package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.triggers.pattern.EventPattern;
import io.conflux.triggers.spi.TriggerKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trigger as defined (in conflux.yaml or through the API), validated and compiled. Every kind shares:
 *
 * <pre>
 * type: amqp                      # http, s3, folder, amqp, execution, or a kind an application registered
 * stateMachine: orders            # a name, or the ARN of a state machine, version or alias
 * filter: {detail: {status: [FAILED]}}     # an EventBridge event pattern; every event when absent
 * inputTemplate: {"order.$": "$.body"}     # Parameters-style template over the event; the kind's default when absent
 * state: ENABLED                  # or DISABLED
 * description: …
 * </pre>
 *
 * and adds the kind's own settings (a queue, a folder …).
 */
record TriggerDefinition(
        String name,
        String type,
        String stateMachineArn,
        EventPattern filter,
        InputTemplate template,
        boolean enabled,
        String description,
        JsonNode source) {

    static final Set<String> COMMON = Set.of("type", "stateMachine", "filter", "inputTemplate", "state",
            "description");

    /**
     * Validates and compiles a definition.
     *
     * @throws DefinitionException naming every problem
     */
    static TriggerDefinition parse(String name, JsonNode def, Map<String, TriggerKind> kinds, String region,
            String account) {
        Fields f = Fields.ofDefinition(name, def);
        String type = f.required("type");
        TriggerKind kind = type == null ? null : kinds.get(type);
        if (type != null && kind == null) {
            f.problem("type", "expected one of " + kinds.keySet().stream().sorted().toList() + ", but got '" + type
                    + "'");
        }
        if (kind != null) {
            Set<String> known = new HashSet<>(COMMON);
            known.addAll(kind.fields());
            f.onlyKnown(known);
            f.problems().addAll(kind.validate(def));
        }
        String target = null;
        String sm = f.required("stateMachine");
        if (sm != null) {
            try {
                target = Targets.stateMachineArn(sm, region, account);
            } catch (IllegalArgumentException e) {
                f.problem("stateMachine", e.getMessage());
            }
        }
        EventPattern filter = null;
        JsonNode p = f.get("filter");
        if (p != null) {
            try {
                filter = EventPattern.compile(p);
            } catch (IllegalArgumentException e) {
                f.problem("filter", e.getMessage());
            }
        }
        InputTemplate template = null;
        JsonNode t = f.get("inputTemplate");
        if (t != null) {
            try {
                template = InputTemplate.compile(t);
            } catch (IllegalArgumentException e) {
                f.problem("inputTemplate", e.getMessage());
            }
        }
        boolean enabled = f.oneOf("state", "ENABLED", List.of("ENABLED", "DISABLED")).equals("ENABLED");
        String description = f.text("description", null);
        f.check();
        return new TriggerDefinition(name, type, target, filter, template, enabled, description, def);
    }
}
