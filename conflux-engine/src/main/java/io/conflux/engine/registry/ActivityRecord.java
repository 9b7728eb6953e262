package io.conflux.engine.registry;

import java.time.Instant;

/** An activity: a named queue of tasks that remote workers poll with GetActivityTask. */
public record ActivityRecord(String arn, String name, Instant created) {}
