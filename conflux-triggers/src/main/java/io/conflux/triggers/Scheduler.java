package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.server.ApiException;
import io.conflux.server.ServerContext;
import io.conflux.triggers.TriggerStore.Claim;
import io.conflux.triggers.TriggerStore.FireRow;
import io.conflux.triggers.TriggerStore.FireStatus;
import io.conflux.triggers.TriggerStore.NewFire;
import io.conflux.triggers.TriggerStore.ScheduleRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules: each {@link #tick} claims the runs that are due and starts their executions.
 *
 * <p>Exactly once among nodes: a run is claimed by moving the schedule's next run on from the version this node read
 * and recording the fire (status CLAIMED, with the execution's name and input) in the same transaction; of the nodes
 * that read one version, one commits. The execution starts after the commit, under a name derived from the schedule
 * and the run, and the fire is then marked STARTED. A crash in between leaves the fire CLAIMED: the same node at its
 * next start, or another once the claim is older than the lease, starts it again under the same name with the same
 * input, which StartExecution answers idempotently (the running execution, or ExecutionAlreadyExists once it ended:
 * both mean it started). Express executions have no idempotent start: for them a crash in that moment may start a
 * run twice, as AWS runs Express workflows at least once.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** How late a run may fire and still count as on time (AWS fires within the minute). */
    static final Duration ON_TIME = Duration.ofSeconds(60);
    /** Runs counted when walking past missed ones before giving up counting (a long outage of a frequent schedule). */
    private static final int MAX_WALK = 100_000;

    private final TriggerStore store;
    private final Clock clock;
    private final String node;
    private final Duration lease;
    private final String region;
    private final String account;
    private final Map<String, ScheduleDefinition> compiled = new ConcurrentHashMap<>();
    private volatile ServerContext server;

    Scheduler(TriggerStore store, Clock clock, String node, Duration lease, String region, String account) {
        this.store = store;
        this.clock = clock;
        this.node = node;
        this.lease = lease;
        this.region = region;
        this.account = account;
    }

    void bind(ServerContext server) {
        this.server = server;
    }

    ScheduleDefinition parse(String name, JsonNode def) {
        return ScheduleDefinition.parse(name, def, region, account);
    }

    /** A stored definition, compiled once per text. */
    ScheduleDefinition definition(ScheduleRow row) {
        return compiled.computeIfAbsent(row.name() + "\n" + row.definition(), k -> ScheduleDefinition.parse(row.name(),
                Jsons.parse(row.definition()), region, account));
    }

    String scheduleArn(String name) {
        return "arn:aws:scheduler:" + region + ":" + account + ":schedule/default/" + name;
    }

    /**
     * Starts what is due: fires this node left unfinished (or another node's, once their claim outlived the lease),
     * then the runs due now. One tick at a time.
     *
     * @return how many executions this tick started
     */
    synchronized int tick() {
        if (server == null) {
            return 0; // the server is not serving yet
        }
        int started = 0;
        Instant now = clock.instant();
        for (FireRow f : store.unfinishedFires(node, now.minus(lease))) {
            if (!node.equals(f.node()) && !store.takeOver(f, node, now)) {
                continue;
            }
            LOG.info("Starting run {} of schedule {} again: its claim was left unfinished", f.scheduled(),
                    f.scheduleName());
            started += start(f.id(), f.scheduleName(), f.stateMachineArn(), f.executionName(), f.input()) ? 1 : 0;
        }
        for (ScheduleRow s : store.due(now)) {
            try {
                started += fire(s, now) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.error("Schedule {} could not fire", s.name(), e);
            }
        }
        return started;
    }

    /** Claims the due run of one schedule, with what it missed, and starts it if this node won the claim. */
    private boolean fire(ScheduleRow s, Instant now) {
        ScheduleDefinition d = definition(s);
        Instant first = s.nextScheduled();
        // Walk every run whose time has come: normally just one; after an outage, the ones missed meanwhile.
        Instant last = first;
        int count = 1;
        Optional<Instant> following = d.next(last);
        while (following.isPresent() && !following.get().isAfter(now) && count < MAX_WALK) {
            last = following.get();
            count++;
            following = d.next(last);
        }
        while (following.isPresent() && !following.get().isAfter(now)) {
            last = following.get(); // past the count limit: find the latest without counting
            following = d.next(last);
        }
        boolean late = Duration.between(d.due(last, s.revision()), now).compareTo(ON_TIME) > 0;
        Instant fire = d.missedRuns() == ScheduleDefinition.MissedRuns.RUN_ONCE || !late ? last : null;
        int skipped = count - (fire != null ? 1 : 0);
        List<NewFire> fires = new ArrayList<>();
        if (skipped > 0) {
            Instant lastSkipped = fire != null ? previousOf(d, first, fire) : last;
            String reason = "Missed " + skipped + (skipped == 1 ? " run" : " runs") + " (" + first
                    + (skipped > 1 ? " to " + lastSkipped : "") + ") while no node was running; missed runs: "
                    + d.missedRuns();
            fires.add(new NewFire(first, FireStatus.SKIPPED, null, null, null, reason, skipped));
        }
        String name = null;
        String input = null;
        if (fire != null) {
            name = d.executionName(fire, s.revision());
            input = ScheduleDefinition.render(d.input(), fire, name, scheduleArn(d.name()), 1);
            String reason = late ? "Ran late, at " + now + ", after the node was down (missed runs: RUN_ONCE)" : null;
            fires.add(new NewFire(fire, FireStatus.CLAIMED, d.stateMachineArn(), name, input, reason, 0));
        }
        Instant next = following.orElse(null);
        Instant nextDue = next == null ? null : d.due(next, s.revision());
        boolean delete = next == null && d.deleteAfterCompletion();
        Claim claim = store.claim(s, next, nextDue, delete, fires, node, now);
        if (!(claim instanceof Claim.Won won) || fire == null) {
            return false;
        }
        long id = won.fireIds().get(won.fireIds().size() - 1);
        return start(id, s.name(), d.stateMachineArn(), name, input);
    }

    /** The run before {@code run}, walking from {@code first}. */
    private static Instant previousOf(ScheduleDefinition d, Instant first, Instant run) {
        Instant prev = first;
        for (Optional<Instant> n = d.next(first); n.isPresent() && n.get().isBefore(run); n = d.next(n.get())) {
            prev = n.get();
        }
        return prev;
    }

    /** Starts a claimed fire's execution and records the outcome; false when it did not start. */
    private boolean start(long fireId, String schedule, String stateMachineArn, String executionName, String input) {
        Instant now = clock.instant();
        try {
            String arn = server.startExecution(stateMachineArn, executionName, input).executionArn();
            store.finishFire(fireId, FireStatus.STARTED, arn, null, now);
            return true;
        } catch (ApiException e) {
            if (e.type().equals("ExecutionAlreadyExists")) {
                // Named after this run: an earlier attempt started it before the node stopped.
                store.finishFire(fireId, FireStatus.STARTED, Targets.executionArn(stateMachineArn, executionName),
                        "started by an earlier attempt", now);
                return false;
            }
            store.finishFire(fireId, FireStatus.FAILED, null, "StartExecution of " + stateMachineArn + " failed: "
                    + e.type() + ": " + e.getMessage(), now);
            return false;
        } catch (RuntimeException e) {
            // Not an answer of the API (the database, say): the fire stays claimed and the next tick tries again.
            LOG.warn("Schedule {} could not start {}; trying again at the next tick", schedule, executionName, e);
            return false;
        }
    }
}
