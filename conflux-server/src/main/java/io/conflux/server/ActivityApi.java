package io.conflux.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.nodes.activities.ActivityNode;
import io.conflux.engine.nodes.activities.ActivityTask;
import io.conflux.engine.registry.ActivityRecord;
import io.conflux.engine.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Activities: CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask. */
final class ActivityApi {
    private final Registry registry;
    private final ActivityNode node;
    private final TagApi tags;
    private final Clock clock;
    private final Duration pollTimeout;
    private final String region;
    private final String account;

    ActivityApi(Registry registry, ActivityNode node, TagApi tags, Clock clock, ServerConfig config) {
        this.registry = registry;
        this.node = node;
        this.tags = tags;
        this.clock = clock;
        this.pollTimeout = config.activityPollTimeout();
        this.region = config.region();
        this.account = config.accountId();
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateActivity", this::createActivity);
        ops.put("DescribeActivity", this::describeActivity);
        ops.put("DeleteActivity", this::deleteActivity);
        ops.put("ListActivities", this::listActivities);
        ops.put("GetActivityTask", this::getActivityTask);
    }

    private ObjectNode createActivity(Request r) {
        String name = r.requiredString("name", 1, 80);
        Map<String, String> newTags = TagApi.read(r);
        r.optionalObject("encryptionConfiguration");
        r.validate();
        Names.requireValid(name);
        ActivityRecord wanted = new ActivityRecord(Arn.activity("aws", region, account, name), name, clock.instant());
        // Idempotent on the name; the tags of a repeated request are ignored, as AWS ignores them.
        ActivityRecord a = registry.createActivity(wanted);
        if (a == wanted) {
            tags.tagNew(a.arn(), newTags);
        }
        ObjectNode out = Json.object();
        out.put("activityArn", a.arn());
        out.put("creationDate", Timestamps.seconds(a.created()));
        return out;
    }

    private ActivityRecord existing(String arn) {
        Arn.parse(arn, Arn.ACTIVITY);
        return registry.activity(arn).orElseThrow(() -> Errors.activityDoesNotExist(arn));
    }

    private ObjectNode describeActivity(Request r) {
        String arn = r.requiredString("activityArn", 1, 256);
        r.validate();
        ActivityRecord a = existing(arn);
        ObjectNode out = Json.object();
        out.put("activityArn", a.arn());
        out.put("name", a.name());
        out.put("creationDate", Timestamps.seconds(a.created()));
        return out;
    }

    private ObjectNode deleteActivity(Request r) {
        String arn = r.requiredString("activityArn", 1, 256);
        r.validate();
        Arn.parse(arn, Arn.ACTIVITY);
        registry.deleteActivity(arn);
        return Json.object();
    }

    private ObjectNode listActivities(Request r) {
        Integer maxResults = r.optionalInt("maxResults", 0, 1000);
        String nextToken = r.optionalString("nextToken", 1, 1024);
        r.validate();
        int size = PageTokens.pageSize(maxResults);
        String after = nextToken == null ? null : PageTokens.decode(nextToken, "ListActivities");
        List<ActivityRecord> page = registry.activities(after, size + 1);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("activities");
        for (ActivityRecord a : page.subList(0, Math.min(size, page.size()))) {
            items.addObject().put("activityArn", a.arn()).put("name", a.name())
                    .put("creationDate", Timestamps.seconds(a.created()));
        }
        if (page.size() > size) {
            out.put("nextToken", PageTokens.encode("ListActivities", page.get(size - 1).arn()));
        }
        return out;
    }

    /** Long poll: answered the moment a task is queued, or empty after the poll timeout (AWS: 60 seconds). */
    private ObjectNode getActivityTask(Request r) throws InterruptedException {
        String arn = r.requiredString("activityArn", 1, 256);
        String workerName = r.optionalString("workerName", 1, 80);
        r.validate();
        existing(arn);
        Optional<ActivityTask> task = node.poll(arn, workerName, pollTimeout);
        ObjectNode out = Json.object();
        task.ifPresent(t -> out.put("taskToken", t.taskToken()).put("input", Json.write(t.input())));
        return out;
    }
}
