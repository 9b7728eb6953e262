package io.conflux.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Registry} must do. One subclass per implementation (in memory, H2, PostgreSQL) runs it; the
 * two-node tests run for registries that several nodes share.
 *
 * <p>Records made here are compared whole ({@code equals}), so a durable registry must give back every field as it
 * was written: the definition byte for byte, instants to the nanosecond, JSON configurations as equal trees.
 */
public abstract class RegistryContract {

    /** A new, empty registry. */
    protected abstract Registry newRegistry();

    /** Another registry over the data of the last one from {@link #newRegistry} (another node, its own pool). */
    protected Registry peer() {
        throw new UnsupportedOperationException("not shared");
    }

    protected static final String PREFIX = "arn:aws:states:us-east-1:123456789012:";
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
    protected static final Instant T1 = Instant.parse("2026-01-02T03:04:05.000000001Z");
    protected static final String ROLE = "arn:aws:iam::123456789012:role/r";

    protected static String smArn(String name) {
        return PREFIX + "stateMachine:" + name;
    }

    protected static StateMachineRecord sm(String name) {
        return new StateMachineRecord(smArn(name), name, "STANDARD",
                "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", ROLE, null, logging(),
                tracing(), null, T0, T0);
    }

    protected static ObjectNode logging() {
        return Json.object().put("includeExecutionData", false).put("level", "OFF");
    }

    protected static ObjectNode tracing() {
        return Json.object().put("enabled", false);
    }

    protected static AliasRecord alias(String stateMachineArn, String name, String... versionArnsAndWeights) {
        List<AliasRecord.Route> routing = new ArrayList<>();
        for (int i = 0; i < versionArnsAndWeights.length; i += 2) {
            int weight = Integer.parseInt(versionArnsAndWeights[i + 1]);
            routing.add(new AliasRecord.Route(versionArnsAndWeights[i], weight));
        }
        return new AliasRecord(stateMachineArn + ":" + name, stateMachineArn, name, null, List.copyOf(routing), T0, T0);
    }

    protected static ActivityRecord activity(String name) {
        return new ActivityRecord(PREFIX + "activity:" + name, name, T0);
    }

    /** An ordered map of tags: {@code key, value, key, value…}. */
    protected static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static VersionRecord publish(Registry r, String stateMachineArn, String revisionId) {
        return r.publishVersion(stateMachineArn, "{}", ROLE, null, revisionId, T1).orElseThrow();
    }

    // ---- state machines -------------------------------------------------------------------------------------------

    @Test
    void creating_a_state_machine_returns_the_record_it_was_given() {
        Registry r = newRegistry();
        StateMachineRecord wanted = sm("a");
        // The API tells a new state machine from an existing one by identity.
        assertThat(r.createStateMachine(wanted)).isSameAs(wanted);
        assertThat(r.stateMachine(wanted.arn())).contains(wanted);
    }

    @Test
    void creating_a_state_machine_that_exists_returns_the_existing_record_and_changes_nothing() {
        Registry r = newRegistry();
        StateMachineRecord first = r.createStateMachine(sm("a"));
        StateMachineRecord second = new StateMachineRecord(first.arn(), "a", "EXPRESS", "{2}", ROLE, "d", null, null,
                "rev", T1, T1);
        StateMachineRecord got = r.createStateMachine(second);
        assertThat(got).isNotSameAs(second).isEqualTo(first);
        assertThat(r.stateMachine(first.arn())).contains(first);
    }

    @Test
    void a_state_machine_is_read_back_exactly_as_it_was_written() {
        Registry r = newRegistry();
        // Whitespace, key order, escapes and characters outside ASCII are the user's: AWS returns them unchanged.
        String definition = "\r\n  {\"Comment\" : \"caf\u00e9 \u2603 \ud83d\ude00 \\u00e9\",\t\"StartAt\":\"P\",\n"
                + "\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":1.50,\"End\":true}}}  \n";
        ObjectNode logging = Json.object().put("includeExecutionData", true).put("level", "ALL");
        logging.putArray("destinations").addObject().putObject("cloudWatchLogsLogGroup")
                .put("logGroupArn", "arn:aws:logs:us-east-1:123456789012:log-group:g:*");
        JsonNode tracing = Json.object().put("enabled", true);
        StateMachineRecord full = new StateMachineRecord(smArn("full"), "full", "EXPRESS", definition, ROLE,
                "a description", logging, tracing, "5d2c4f1e-rev", T0, T1);
        StateMachineRecord bare = new StateMachineRecord(smArn("bare"), "bare", "STANDARD", "{}", ROLE, null, null,
                null, null, T1, T1);
        r.createStateMachine(full);
        r.createStateMachine(bare);
        StateMachineRecord fullRead = r.stateMachine(full.arn()).orElseThrow();
        assertThat(fullRead).isEqualTo(full);
        assertThat(fullRead.definition()).isEqualTo(definition);
        assertThat(r.stateMachine(bare.arn())).contains(bare);
    }

    @Test
    void a_state_machine_that_does_not_exist_is_empty() {
        Registry r = newRegistry();
        r.createStateMachine(sm("a"));
        assertThat(r.stateMachine(smArn("b"))).isEmpty();
        assertThat(r.stateMachine(smArn("a") + ":1")).isEmpty();
    }

    @Test
    void updating_a_state_machine_replaces_its_record() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        StateMachineRecord updated = new StateMachineRecord(s.arn(), s.name(), s.type(), "{\"new\": true}",
                ROLE + "2", "d", Json.object().put("level", "ERROR"), null, "rev-2", s.created(), T1);
        assertThat(r.updateStateMachine(updated)).isTrue();
        assertThat(r.stateMachine(s.arn())).contains(updated);
    }

    @Test
    void updating_a_state_machine_that_does_not_exist_returns_false_and_creates_nothing() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        assertThat(r.deleteStateMachine(s.arn())).isTrue();
        assertThat(r.updateStateMachine(s)).isFalse();
        assertThat(r.stateMachine(s.arn())).isEmpty();
        assertThat(r.stateMachines(null, 10)).isEmpty();
    }

    @Test
    void updating_a_state_machine_keeps_its_versions_and_their_numbering() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        r.updateStateMachine(new StateMachineRecord(s.arn(), s.name(), s.type(), "{}", ROLE, null, logging(),
                tracing(), "rev-2", s.created(), T1));
        assertThat(r.versions(s.arn())).containsExactly(v1);
        assertThat(publish(r, s.arn(), "rev-2").version()).isEqualTo(2);
    }

    @Test
    void deleting_a_state_machine_that_does_not_exist_returns_false() {
        Registry r = newRegistry();
        assertThat(r.deleteStateMachine(smArn("never"))).isFalse();
        StateMachineRecord s = r.createStateMachine(sm("once"));
        assertThat(r.deleteStateMachine(s.arn())).isTrue();
        assertThat(r.deleteStateMachine(s.arn())).isFalse();
    }

    @Test
    void deleting_a_state_machine_deletes_its_versions_aliases_and_tags_and_nothing_else() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("gone"));
        // Neighbours whose ARNs start like the deleted one's, or match it with '_' as a wildcard.
        StateMachineRecord longer = r.createStateMachine(sm("gone-too"));
        StateMachineRecord lookalike = r.createStateMachine(sm("gon_"));
        StateMachineRecord other = r.createStateMachine(sm("gone_"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        AliasRecord live = r.createAlias(alias(s.arn(), "live", v1.arn(), "50", v2.arn(), "50"));
        r.tag(s.arn(), tags("k", "v"));
        r.tag(v2.arn(), tags("k", "v"));
        VersionRecord kept = publish(r, longer.arn(), "rev-1");
        AliasRecord keptAlias = r.createAlias(alias(longer.arn(), "live", kept.arn(), "100"));
        for (StateMachineRecord neighbour : List.of(longer, lookalike, other)) {
            r.tag(neighbour.arn(), tags("k", neighbour.name()));
        }
        r.tag(kept.arn(), tags("version", "kept"));

        assertThat(r.deleteStateMachine(s.arn())).isTrue();

        assertThat(r.stateMachine(s.arn())).isEmpty();
        assertThat(r.version(v1.arn())).isEmpty();
        assertThat(r.version(v2.arn())).isEmpty();
        assertThat(r.versions(s.arn())).isEmpty();
        assertThat(r.alias(live.arn())).isEmpty();
        assertThat(r.aliases(s.arn())).isEmpty();
        assertThat(r.tags(s.arn())).isEmpty();
        assertThat(r.tags(v2.arn())).isEmpty();
        assertThat(r.stateMachines(null, 10)).containsExactly(lookalike, longer, other);
        assertThat(r.versions(longer.arn())).containsExactly(kept);
        assertThat(r.aliases(longer.arn())).containsExactly(keptAlias);
        for (StateMachineRecord neighbour : List.of(longer, lookalike, other)) {
            assertThat(r.tags(neighbour.arn())).isEqualTo(tags("k", neighbour.name()));
        }
        assertThat(r.tags(kept.arn())).isEqualTo(tags("version", "kept"));
    }

    @Test
    void a_state_machine_created_again_after_its_deletion_numbers_its_versions_from_one() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("again"));
        publish(r, s.arn(), "rev-1");
        publish(r, s.arn(), "rev-2");
        r.deleteStateMachine(s.arn());
        assertThat(r.createStateMachine(s)).isSameAs(s);
        assertThat(r.versions(s.arn())).isEmpty();
        assertThat(publish(r, s.arn(), "rev-1").version()).isEqualTo(1);
    }

    @Test
    void state_machines_are_listed_in_arn_order_as_java_compares_strings() {
        Registry r = newRegistry();
        // '-' < digits < upper case < '_' < lower case: what String.compareTo says, whatever the database's collation.
        List<String> names = List.of("b", "a_b", "B", "ab", "a-b", "a", "Z", "a1", "A");
        names.forEach(n -> r.createStateMachine(sm(n)));
        assertThat(r.stateMachines(null, 100)).extracting(StateMachineRecord::arn)
                .containsExactlyElementsOf(names.stream().map(RegistryContract::smArn).sorted().toList());
    }

    @Test
    void state_machines_page_after_the_last_arn_of_the_previous_page_even_one_deleted_since() {
        Registry r = newRegistry();
        for (String n : List.of("c", "a", "e", "b", "d")) {
            r.createStateMachine(sm(n));
        }
        List<StateMachineRecord> first = r.stateMachines(null, 2);
        assertThat(first).extracting(StateMachineRecord::name).containsExactly("a", "b");
        r.deleteStateMachine(first.get(1).arn());
        List<StateMachineRecord> second = r.stateMachines(first.get(1).arn(), 2);
        assertThat(second).extracting(StateMachineRecord::name).containsExactly("c", "d");
        assertThat(r.stateMachines(second.get(1).arn(), 2)).extracting(StateMachineRecord::name).containsExactly("e");
        assertThat(r.stateMachines(smArn("e"), 2)).isEmpty();
        // A position between two ARNs that never was one is as good as any.
        assertThat(r.stateMachines(smArn("bb"), 1)).extracting(StateMachineRecord::name).containsExactly("c");
    }

    @Test
    void a_page_of_state_machines_holds_at_most_the_limit_and_reads_back_whole_records() {
        Registry r = newRegistry();
        StateMachineRecord a = r.createStateMachine(sm("a"));
        r.createStateMachine(sm("b"));
        assertThat(r.stateMachines(null, 0)).isEmpty();
        assertThat(r.stateMachines(null, 1)).containsExactly(a);
    }

    // ---- versions -------------------------------------------------------------------------------------------------

    @Test
    void publishing_numbers_versions_from_one_with_the_fields_given() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = r.publishVersion(s.arn(), " {\"a\" : 1} ", "role-1", "first", "rev-1", T0).orElseThrow();
        assertThat(v1).isEqualTo(new VersionRecord(s.arn() + ":1", s.arn(), 1, " {\"a\" : 1} ", "role-1", "first",
                "rev-1", T0));
        VersionRecord v2 = r.publishVersion(s.arn(), "{}", "role-2", null, "rev-2", T1).orElseThrow();
        assertThat(v2).isEqualTo(new VersionRecord(s.arn() + ":2", s.arn(), 2, "{}", "role-2", null, "rev-2", T1));
        assertThat(r.version(v1.arn())).contains(v1);
        assertThat(r.version(v2.arn())).contains(v2);
    }

    @Test
    void publishing_a_version_of_a_state_machine_that_does_not_exist_is_empty() {
        Registry r = newRegistry();
        assertThat(r.publishVersion(smArn("missing"), "{}", ROLE, null, null, T0)).isEmpty();
        StateMachineRecord s = r.createStateMachine(sm("deleted"));
        r.deleteStateMachine(s.arn());
        assertThat(r.publishVersion(s.arn(), "{}", ROLE, null, "rev", T0)).isEmpty();
        assertThat(r.versions(s.arn())).isEmpty();
    }

    @Test
    void publishing_the_revision_of_the_newest_version_again_returns_that_version() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        // The description and time of a repeated publish do not matter: the revision decides.
        assertThat(r.publishVersion(s.arn(), "{}", ROLE, "other", "rev-1", T0.plusSeconds(9))).contains(v1);
        assertThat(r.versions(s.arn())).containsExactly(v1);
    }

    @Test
    void a_null_revision_is_a_revision_like_any_other() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), null);
        assertThat(r.publishVersion(s.arn(), "{}", ROLE, null, null, T1)).contains(v1);
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(publish(r, s.arn(), null).version()).isEqualTo(3);
    }

    @Test
    void publishing_a_revision_older_than_the_newest_version_makes_a_new_version() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        publish(r, s.arn(), "rev-a");
        publish(r, s.arn(), "rev-b");
        VersionRecord v3 = publish(r, s.arn(), "rev-a");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.revisionId()).isEqualTo("rev-a");
    }

    @Test
    void version_numbers_are_not_reused_after_the_newest_version_is_deleted() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        assertThat(r.deleteVersion(v2.arn())).isTrue();
        // Nor is the deleted version handed out again for its revision.
        VersionRecord v3 = publish(r, s.arn(), "rev-2");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.arn()).isEqualTo(s.arn() + ":3");
        assertThat(r.versions(s.arn())).containsExactly(v3, v1);
        assertThat(r.version(v2.arn())).isEmpty();
    }

    @Test
    void version_numbers_are_not_reused_after_every_version_is_deleted() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        r.deleteVersion(v1.arn());
        r.deleteVersion(v2.arn());
        assertThat(r.versions(s.arn())).isEmpty();
        assertThat(publish(r, s.arn(), "rev-1").version()).isEqualTo(3);
    }

    @Test
    void deleting_an_older_version_keeps_the_newest_one_idempotent() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        r.deleteVersion(v1.arn());
        assertThat(r.publishVersion(s.arn(), "{}", ROLE, null, "rev-2", T1)).contains(v2);
    }

    @Test
    void a_version_is_found_by_its_arn_only() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        StateMachineRecord other = r.createStateMachine(sm("w"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        publish(r, other.arn(), "rev-1");
        publish(r, other.arn(), "rev-2");
        assertThat(r.version(s.arn() + ":1")).contains(v1);
        assertThat(r.version(s.arn() + ":2")).isEmpty();
        assertThat(r.version(s.arn())).isEmpty();
        assertThat(r.version(s.arn() + ":live")).isEmpty();
        assertThat(r.version(s.arn() + ":")).isEmpty();
        assertThat(r.version(s.arn() + ":99999999999")).isEmpty();
        assertThat(r.version("v1")).isEmpty();
        assertThat(r.version(smArn("missing") + ":1")).isEmpty();
    }

    @Test
    void versions_are_listed_newest_first() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        assertThat(r.versions(s.arn())).isEmpty();
        List<VersionRecord> published = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            published.add(publish(r, s.arn(), "rev-" + i));
        }
        r.deleteVersion(published.get(4).arn());
        List<VersionRecord> expected = new ArrayList<>(published);
        expected.remove(4);
        // Numerically: 12 before 9, as text would not have it.
        assertThat(r.versions(s.arn())).containsExactlyElementsOf(expected.reversed());
        assertThat(r.versions(smArn("missing"))).isEmpty();
    }

    @Test
    void the_versions_of_each_state_machine_are_numbered_on_their_own() {
        Registry r = newRegistry();
        StateMachineRecord a = r.createStateMachine(sm("a"));
        StateMachineRecord b = r.createStateMachine(sm("b"));
        publish(r, a.arn(), "rev-1");
        publish(r, a.arn(), "rev-2");
        assertThat(publish(r, b.arn(), "rev-1").version()).isEqualTo(1);
        assertThat(r.versions(b.arn())).extracting(VersionRecord::stateMachineArn).containsOnly(b.arn());
    }

    @Test
    void deleting_a_version_deletes_it_with_its_tags_and_nothing_else() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("v"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        r.tag(v1.arn(), tags("k", "1"));
        r.tag(s.arn(), tags("k", "sm"));
        assertThat(r.deleteVersion(v1.arn())).isTrue();
        assertThat(r.version(v1.arn())).isEmpty();
        assertThat(r.tags(v1.arn())).isEmpty();
        assertThat(r.deleteVersion(v1.arn())).isFalse();
        assertThat(r.deleteVersion(s.arn() + ":7")).isFalse();
        assertThat(r.deleteVersion(s.arn())).isFalse();
        assertThat(r.versions(s.arn())).containsExactly(v2);
        assertThat(r.stateMachine(s.arn())).isPresent();
        assertThat(r.tags(s.arn())).isEqualTo(tags("k", "sm"));
    }

    @Test
    void concurrent_publishes_of_different_revisions_get_distinct_consecutive_numbers() throws Exception {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("race"));
        int threads = 8;
        int each = 25;
        List<VersionRecord> got = race(threads, t -> () -> {
            List<VersionRecord> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                mine.add(publish(r, s.arn(), "rev-" + t + "-" + i));
            }
            return mine;
        });
        assertDistinctConsecutive(got, threads * each);
        assertThat(r.versions(s.arn())).hasSize(threads * each).containsExactlyInAnyOrderElementsOf(got);
    }

    @Test
    void concurrent_publishes_of_one_revision_make_one_version() throws Exception {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("race"));
        List<VersionRecord> got = race(8, t -> () -> List.of(publish(r, s.arn(), "rev-1")));
        assertThat(got).hasSize(8).containsOnly(r.versions(s.arn()).getFirst());
        assertThat(r.versions(s.arn())).hasSize(1);
    }

    @Test
    void a_publish_racing_the_deletion_of_its_state_machine_leaves_no_version_behind() throws Exception {
        Registry r = newRegistry();
        for (int round = 0; round < 20; round++) {
            StateMachineRecord s = r.createStateMachine(sm("doomed"));
            String revision = "rev-" + round + "-";
            race(5, t -> () -> {
                if (t == 0) {
                    r.deleteStateMachine(s.arn());
                    return List.of();
                }
                List<Optional<VersionRecord>> mine = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    mine.add(r.publishVersion(s.arn(), "{}", ROLE, null, revision + t + "-" + i, T1));
                }
                return mine;
            });
            // Whatever was published before the deletion went with it; nothing was published after it.
            assertThat(r.stateMachine(s.arn())).isEmpty();
            assertThat(r.versions(s.arn())).isEmpty();
            assertThat(r.version(s.arn() + ":1")).isEmpty();
        }
        StateMachineRecord again = r.createStateMachine(sm("doomed"));
        assertThat(publish(r, again.arn(), "rev").version()).isEqualTo(1);
    }

    @Test
    void two_nodes_publishing_at_once_get_distinct_consecutive_numbers() throws Exception {
        Registry a = newRegistry();
        Registry b = peer();
        StateMachineRecord s = a.createStateMachine(sm("shared"));
        int threadsPerNode = 4;
        int each = 25;
        List<VersionRecord> got = race(2 * threadsPerNode, t -> () -> {
            Registry node = t % 2 == 0 ? a : b;
            List<VersionRecord> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                mine.add(publish(node, s.arn(), "rev-" + t + "-" + i));
            }
            return mine;
        });
        assertDistinctConsecutive(got, 2 * threadsPerNode * each);
        assertThat(b.versions(s.arn())).containsExactlyElementsOf(a.versions(s.arn()));
        for (VersionRecord v : got) {
            assertThat(b.version(v.arn())).contains(v);
        }
    }

    @Test
    void a_second_node_sees_what_the_first_wrote_and_continues_its_numbering() {
        Registry a = newRegistry();
        Registry b = peer();
        StateMachineRecord s = a.createStateMachine(sm("shared"));
        publish(a, s.arn(), "rev-1");
        a.tag(s.arn(), tags("k", "v"));
        ActivityRecord act = a.createActivity(activity("work"));
        assertThat(b.createStateMachine(sm("shared"))).isEqualTo(s);
        assertThat(b.stateMachines(null, 10)).containsExactly(s);
        assertThat(b.publishVersion(s.arn(), "{}", ROLE, null, "rev-1", T1)).isEqualTo(a.version(s.arn() + ":1"));
        assertThat(publish(b, s.arn(), "rev-2").version()).isEqualTo(2);
        assertThat(b.tags(s.arn())).isEqualTo(tags("k", "v"));
        assertThat(b.activity(act.arn())).contains(act);
        assertThat(b.deleteStateMachine(s.arn())).isTrue();
        assertThat(a.stateMachine(s.arn())).isEmpty();
    }

    /** Runs {@code threads} tasks at once and gathers what they return. */
    protected static <T> List<T> race(int threads, java.util.function.IntFunction<Callable<List<T>>> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<T>> work = task.apply(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                out.addAll(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertDistinctConsecutive(List<VersionRecord> got, int count) {
        assertThat(got).extracting(VersionRecord::version)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(got).allSatisfy(v -> assertThat(v.arn()).isEqualTo(v.stateMachineArn() + ":" + v.version()));
    }

    // ---- aliases --------------------------------------------------------------------------------------------------

    @Test
    void creating_an_alias_returns_the_record_it_was_given() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        AliasRecord wanted = alias(s.arn(), "live", v1.arn(), "100");
        assertThat(r.createAlias(wanted)).isSameAs(wanted);
        assertThat(r.alias(wanted.arn())).contains(wanted);
    }

    @Test
    void creating_an_alias_that_exists_returns_the_existing_one_and_changes_nothing() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        AliasRecord first = r.createAlias(alias(s.arn(), "live", v1.arn(), "100"));
        AliasRecord second = alias(s.arn(), "live", v2.arn(), "100");
        assertThat(r.createAlias(second)).isNotSameAs(second).isEqualTo(first);
        assertThat(r.alias(first.arn())).contains(first);
    }

    @Test
    void an_alias_is_read_back_exactly_as_it_was_written() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        // The routing keeps its order: the second route is not sorted before the first.
        AliasRecord split = new AliasRecord(s.arn() + ":split", s.arn(), "split", "caf\u00e9 \"canary\"",
                List.of(new AliasRecord.Route(v2.arn(), 90), new AliasRecord.Route(v1.arn(), 10)), T0, T1);
        r.createAlias(split);
        assertThat(r.alias(split.arn())).contains(split);
        assertThat(r.alias(s.arn() + ":other")).isEmpty();
        assertThat(r.alias(s.arn())).isEmpty();
    }

    @Test
    void updating_an_alias_replaces_it() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord v2 = publish(r, s.arn(), "rev-2");
        AliasRecord a = r.createAlias(alias(s.arn(), "live", v1.arn(), "100"));
        AliasRecord updated = new AliasRecord(a.arn(), s.arn(), "live", "now split",
                List.of(new AliasRecord.Route(v1.arn(), 30), new AliasRecord.Route(v2.arn(), 70)), a.created(), T1);
        assertThat(r.updateAlias(updated)).isTrue();
        assertThat(r.alias(a.arn())).contains(updated);
        assertThat(r.aliases(s.arn())).containsExactly(updated);
    }

    @Test
    void updating_an_alias_that_does_not_exist_returns_false_and_creates_nothing() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        AliasRecord a = alias(s.arn(), "live", v1.arn(), "100");
        assertThat(r.updateAlias(a)).isFalse();
        assertThat(r.alias(a.arn())).isEmpty();
        assertThat(r.aliases(s.arn())).isEmpty();
    }

    @Test
    void deleting_an_alias_deletes_it_with_its_tags() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        AliasRecord a = r.createAlias(alias(s.arn(), "live", v1.arn(), "100"));
        AliasRecord kept = r.createAlias(alias(s.arn(), "beta", v1.arn(), "100"));
        r.tag(a.arn(), tags("k", "v"));
        assertThat(r.deleteAlias(a.arn())).isTrue();
        assertThat(r.alias(a.arn())).isEmpty();
        assertThat(r.tags(a.arn())).isEmpty();
        assertThat(r.deleteAlias(a.arn())).isFalse();
        assertThat(r.aliases(s.arn())).containsExactly(kept);
        assertThat(r.version(v1.arn())).contains(v1);
    }

    @Test
    void the_aliases_of_a_state_machine_are_listed_in_arn_order_and_only_its_own() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        StateMachineRecord longer = r.createStateMachine(sm("a-b"));
        VersionRecord v1 = publish(r, s.arn(), "rev-1");
        VersionRecord w1 = publish(r, longer.arn(), "rev-1");
        for (String name : List.of("prod", "Beta", "a_1", "a-1", "live")) {
            r.createAlias(alias(s.arn(), name, v1.arn(), "100"));
        }
        AliasRecord theirs = r.createAlias(alias(longer.arn(), "prod", w1.arn(), "100"));
        assertThat(r.aliases(s.arn())).extracting(AliasRecord::name).containsExactly("Beta", "a-1", "a_1", "live",
                "prod");
        assertThat(r.aliases(longer.arn())).containsExactly(theirs);
        assertThat(r.aliases(smArn("none"))).isEmpty();
    }

    // ---- activities -----------------------------------------------------------------------------------------------

    @Test
    void creating_an_activity_returns_the_record_it_was_given_or_the_existing_one() {
        Registry r = newRegistry();
        ActivityRecord wanted = activity("work");
        assertThat(r.createActivity(wanted)).isSameAs(wanted);
        ActivityRecord again = new ActivityRecord(wanted.arn(), "work", T1);
        assertThat(r.createActivity(again)).isNotSameAs(again).isEqualTo(wanted);
        assertThat(r.activity(wanted.arn())).contains(wanted);
    }

    @Test
    void an_activity_that_does_not_exist_is_empty() {
        Registry r = newRegistry();
        r.createActivity(activity("work"));
        assertThat(r.activity(PREFIX + "activity:other")).isEmpty();
    }

    @Test
    void deleting_an_activity_deletes_it_with_its_tags() {
        Registry r = newRegistry();
        ActivityRecord a = r.createActivity(activity("work"));
        ActivityRecord kept = r.createActivity(activity("work-too"));
        r.tag(a.arn(), tags("k", "v"));
        r.tag(kept.arn(), tags("k", "v"));
        assertThat(r.deleteActivity(a.arn())).isTrue();
        assertThat(r.activity(a.arn())).isEmpty();
        assertThat(r.tags(a.arn())).isEmpty();
        assertThat(r.deleteActivity(a.arn())).isFalse();
        assertThat(r.activities(null, 10)).containsExactly(kept);
        assertThat(r.tags(kept.arn())).isEqualTo(tags("k", "v"));
    }

    @Test
    void activities_page_in_arn_order_after_the_last_arn_even_one_deleted_since() {
        Registry r = newRegistry();
        for (String n : List.of("d", "a_", "B", "c", "a-")) {
            r.createActivity(activity(n));
        }
        assertThat(r.activities(null, 0)).isEmpty();
        List<ActivityRecord> first = r.activities(null, 2);
        assertThat(first).extracting(ActivityRecord::name).containsExactly("B", "a-");
        r.deleteActivity(first.get(1).arn());
        List<ActivityRecord> second = r.activities(first.get(1).arn(), 2);
        assertThat(second).extracting(ActivityRecord::name).containsExactly("a_", "c");
        assertThat(r.activities(second.get(1).arn(), 2)).containsExactly(activity("d"));
        assertThat(r.activities(PREFIX + "activity:d", 2)).isEmpty();
    }

    // ---- tags -----------------------------------------------------------------------------------------------------

    @Test
    void a_resource_never_tagged_has_no_tags() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        assertThat(r.tags(s.arn())).isEmpty();
    }

    @Test
    void tagging_adds_new_keys_and_overwrites_existing_ones_in_place() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        r.tag(s.arn(), tags("team", "core", "env", "dev"));
        r.tag(s.arn(), tags("cost", "42", "team", "edge"));
        r.tag(s.arn(), tags());
        // In the order keys were first added: an overwritten key keeps its place.
        assertThat(r.tags(s.arn())).containsExactly(Map.entry("team", "edge"), Map.entry("env", "dev"),
                Map.entry("cost", "42"));
    }

    @Test
    void untagging_removes_the_keys_given_and_ignores_keys_not_there() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        r.tag(s.arn(), tags("a", "1", "b", "2", "c", "3"));
        r.untag(s.arn(), List.of("b", "missing"));
        assertThat(r.tags(s.arn())).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
        r.untag(s.arn(), List.of("a", "c"));
        assertThat(r.tags(s.arn())).isEmpty();
        r.untag(s.arn(), List.of("a"));
        r.untag(smArn("never-tagged"), List.of("a"));
        assertThat(r.tags(s.arn())).isEmpty();
        r.tag(s.arn(), tags("b", "again"));
        assertThat(r.tags(s.arn())).containsExactly(Map.entry("b", "again"));
    }

    @Test
    void tags_keep_keys_and_values_exactly() {
        Registry r = newRegistry();
        ActivityRecord a = r.createActivity(activity("work"));
        Map<String, String> odd = tags("Key", "upper", "key", "lower", "k ", "trailing space ", "caf\u00e9",
                "\u2603 \ud83d\ude00", "empty", "");
        r.tag(a.arn(), odd);
        assertThat(r.tags(a.arn())).containsExactlyEntriesOf(odd);
    }

    @Test
    void the_tags_of_one_resource_are_apart_from_another_s() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        ActivityRecord a = r.createActivity(activity("a"));
        r.tag(s.arn(), tags("k", "sm"));
        r.tag(a.arn(), tags("k", "activity"));
        r.untag(a.arn(), List.of("k"));
        assertThat(r.tags(s.arn())).containsExactly(Map.entry("k", "sm"));
        assertThat(r.tags(a.arn())).isEmpty();
    }

    @Test
    void the_tags_returned_do_not_change_with_later_writes() {
        Registry r = newRegistry();
        StateMachineRecord s = r.createStateMachine(sm("a"));
        r.tag(s.arn(), tags("k", "1"));
        Map<String, String> before = r.tags(s.arn());
        r.tag(s.arn(), tags("k", "2", "l", "3"));
        assertThat(before).containsExactly(Map.entry("k", "1"));
    }
}
