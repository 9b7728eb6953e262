package io.conflux.engine.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry in memory, for tests, the CLI and a server without a database. One lock guards everything: control
 * plane writes are rare and small, and a single lock makes the compound ones (publish the next number, delete a
 * state machine with everything that hangs off it) atomic without further thought.
 */
public final class InMemoryRegistry implements Registry {

    private final NavigableMap<String, StateMachineRecord> stateMachines = new TreeMap<>();
    /** Per state machine: its versions by number. */
    private final Map<String, NavigableMap<Integer, VersionRecord>> versions = new java.util.HashMap<>();
    /** Per state machine: the last version number handed out, so that numbers are never reused. */
    private final Map<String, Integer> lastVersion = new java.util.HashMap<>();
    private final NavigableMap<String, AliasRecord> aliases = new TreeMap<>();
    private final NavigableMap<String, ActivityRecord> activities = new TreeMap<>();
    private final Map<String, Map<String, String>> tags = new java.util.HashMap<>();

    @Override
    public synchronized StateMachineRecord createStateMachine(StateMachineRecord record) {
        StateMachineRecord existing = stateMachines.putIfAbsent(record.arn(), record);
        return existing != null ? existing : record;
    }

    @Override
    public synchronized Optional<StateMachineRecord> stateMachine(String arn) {
        return Optional.ofNullable(stateMachines.get(arn));
    }

    @Override
    public synchronized boolean updateStateMachine(StateMachineRecord record) {
        return stateMachines.replace(record.arn(), record) != null;
    }

    @Override
    public synchronized boolean deleteStateMachine(String arn) {
        if (stateMachines.remove(arn) == null) {
            return false;
        }
        NavigableMap<Integer, VersionRecord> vs = versions.remove(arn);
        if (vs != null) {
            vs.values().forEach(v -> tags.remove(v.arn()));
        }
        lastVersion.remove(arn);
        aliases.values().removeIf(a -> a.stateMachineArn().equals(arn));
        tags.remove(arn);
        return true;
    }

    @Override
    public synchronized List<StateMachineRecord> stateMachines(String afterArn, int limit) {
        return page(stateMachines, afterArn, limit);
    }

    @Override
    public synchronized Optional<VersionRecord> publishVersion(String stateMachineArn, String definition,
            String roleArn, String description, String revisionId, Instant created) {
        if (!stateMachines.containsKey(stateMachineArn)) {
            return Optional.empty();
        }
        NavigableMap<Integer, VersionRecord> vs = versions.computeIfAbsent(stateMachineArn, k -> new TreeMap<>());
        Map.Entry<Integer, VersionRecord> newest = vs.lastEntry();
        if (newest != null && Objects.equals(newest.getValue().revisionId(), revisionId)
                && newest.getValue().version() == lastVersion.getOrDefault(stateMachineArn, 0)) {
            return Optional.of(newest.getValue());
        }
        int number = lastVersion.merge(stateMachineArn, 1, Integer::sum);
        VersionRecord v = new VersionRecord(stateMachineArn + ":" + number, stateMachineArn, number, definition,
                roleArn, description, revisionId, created);
        vs.put(number, v);
        return Optional.of(v);
    }

    @Override
    public synchronized Optional<VersionRecord> version(String versionArn) {
        int colon = versionArn.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        NavigableMap<Integer, VersionRecord> vs = versions.get(versionArn.substring(0, colon));
        if (vs == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(vs.get(Integer.parseInt(versionArn.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized List<VersionRecord> versions(String stateMachineArn) {
        NavigableMap<Integer, VersionRecord> vs = versions.get(stateMachineArn);
        return vs == null ? List.of() : List.copyOf(vs.descendingMap().values());
    }

    @Override
    public synchronized boolean deleteVersion(String versionArn) {
        Optional<VersionRecord> v = version(versionArn);
        if (v.isEmpty()) {
            return false;
        }
        versions.get(v.get().stateMachineArn()).remove(v.get().version());
        tags.remove(versionArn);
        return true;
    }

    @Override
    public synchronized AliasRecord createAlias(AliasRecord alias) {
        AliasRecord existing = aliases.putIfAbsent(alias.arn(), alias);
        return existing != null ? existing : alias;
    }

    @Override
    public synchronized Optional<AliasRecord> alias(String aliasArn) {
        return Optional.ofNullable(aliases.get(aliasArn));
    }

    @Override
    public synchronized boolean updateAlias(AliasRecord alias) {
        return aliases.replace(alias.arn(), alias) != null;
    }

    @Override
    public synchronized boolean deleteAlias(String aliasArn) {
        tags.remove(aliasArn);
        return aliases.remove(aliasArn) != null;
    }

    @Override
    public synchronized List<AliasRecord> aliases(String stateMachineArn) {
        return aliases.values().stream().filter(a -> a.stateMachineArn().equals(stateMachineArn)).toList();
    }

    @Override
    public synchronized ActivityRecord createActivity(ActivityRecord activity) {
        ActivityRecord existing = activities.putIfAbsent(activity.arn(), activity);
        return existing != null ? existing : activity;
    }

    @Override
    public synchronized Optional<ActivityRecord> activity(String arn) {
        return Optional.ofNullable(activities.get(arn));
    }

    @Override
    public synchronized boolean deleteActivity(String arn) {
        tags.remove(arn);
        return activities.remove(arn) != null;
    }

    @Override
    public synchronized List<ActivityRecord> activities(String afterArn, int limit) {
        return page(activities, afterArn, limit);
    }

    @Override
    public synchronized Map<String, String> tags(String resourceArn) {
        Map<String, String> t = tags.get(resourceArn);
        return t == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(t));
    }

    @Override
    public synchronized void tag(String resourceArn, Map<String, String> newTags) {
        tags.computeIfAbsent(resourceArn, k -> new LinkedHashMap<>()).putAll(newTags);
    }

    @Override
    public synchronized void untag(String resourceArn, List<String> keys) {
        Map<String, String> t = tags.get(resourceArn);
        if (t != null) {
            keys.forEach(t::remove);
            if (t.isEmpty()) {
                tags.remove(resourceArn);
            }
        }
    }

    private static <T> List<T> page(NavigableMap<String, T> all, String afterArn, int limit) {
        Map<String, T> tail = afterArn == null ? all : all.tailMap(afterArn, false);
        List<T> out = new ArrayList<>(Math.min(limit, tail.size()));
        for (T t : tail.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(t);
        }
        return out;
    }
}
