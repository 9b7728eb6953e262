package io.conflux.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource, ListTagsForResource: tags on state machines and activities. */
final class TagApi {
    /** AWS's limit of tags per resource. */
    static final int MAX_TAGS = 50;

    private final Registry registry;

    TagApi(Registry registry) {
        this.registry = registry;
    }

    void register(Map<String, Operation> ops) {
        ops.put("TagResource", this::tagResource);
        ops.put("UntagResource", this::untagResource);
        ops.put("ListTagsForResource", this::listTagsForResource);
    }

    /** The {@code tags} member of a request ({@code [{key, value}]}), or null when absent. */
    static Map<String, String> read(Request r) {
        List<Map.Entry<String, String>> tags = r.optionalList("tags", 0, Integer.MAX_VALUE,
                t -> Map.entry(orEmpty(t.requiredString("key", 1, 128)), orEmpty(t.optionalString("value", 0, 256))));
        if (tags == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Tags a new resource; TooManyTags beyond AWS's limit. */
    void tagNew(String arn, Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw Errors.tooManyTags(arn, MAX_TAGS);
        }
        registry.tag(arn, tags);
    }

    private ObjectNode tagResource(Request r) {
        String arn = r.requiredString("resourceArn", 1, 256);
        Map<String, String> tags = read(r);
        r.require("tags");
        r.validate();
        requireTaggable(arn);
        Map<String, String> merged = new LinkedHashMap<>(registry.tags(arn));
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw Errors.tooManyTags(arn, MAX_TAGS);
        }
        registry.tag(arn, tags);
        return Json.object();
    }

    private ObjectNode untagResource(Request r) {
        String arn = r.requiredString("resourceArn", 1, 256);
        List<String> keys = r.requiredStringList("tagKeys", 1, 128);
        r.validate();
        requireTaggable(arn);
        registry.untag(arn, keys);
        return Json.object();
    }

    private ObjectNode listTagsForResource(Request r) {
        String arn = r.requiredString("resourceArn", 1, 256);
        r.validate();
        requireTaggable(arn);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("tags");
        registry.tags(arn).forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        return out;
    }

    /** Tags live on state machines and activities; ResourceNotFound for anything else. */
    private void requireTaggable(String arnText) {
        Arn arn = Arn.parse(arnText, Arn.STATE_MACHINE, Arn.ACTIVITY);
        boolean exists = arn.type().equals(Arn.ACTIVITY)
                ? registry.activity(arnText).isPresent()
                : !arn.isQualified() && registry.stateMachine(arnText).isPresent();
        if (!exists) {
            throw Errors.resourceNotFound(arnText);
        }
    }
}
