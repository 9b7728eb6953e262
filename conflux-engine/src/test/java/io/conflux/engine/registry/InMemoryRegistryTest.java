package io.conflux.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRegistryTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final InMemoryRegistry r = new InMemoryRegistry();

    static StateMachineRecord sm(String name, String definition) {
        return new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:" + name, name, "STANDARD",
                definition, "arn:aws:iam::123456789012:role/r", null, Json.object(), Json.object(), null, T0, T0);
    }

    @Test
    void creating_an_existing_state_machine_returns_the_existing_record() {
        StateMachineRecord first = r.createStateMachine(sm("a", "{1}"));
        assertThat(r.createStateMachine(sm("a", "{2}"))).isSameAs(first);
    }

    @Test
    void listings_page_in_arn_order_from_after_an_arn_even_one_deleted_since() {
        for (String n : List.of("c", "a", "b", "d")) {
            r.createStateMachine(sm(n, "{}"));
        }
        List<StateMachineRecord> first = r.stateMachines(null, 2);
        assertThat(first).extracting(StateMachineRecord::name).containsExactly("a", "b");
        r.deleteStateMachine(first.get(1).arn());
        assertThat(r.stateMachines(first.get(1).arn(), 10)).extracting(StateMachineRecord::name)
                .containsExactly("c", "d");
    }

    @Test
    void publishing_is_idempotent_per_revision_and_never_reuses_a_number() {
        StateMachineRecord s = r.createStateMachine(sm("v", "{}"));
        VersionRecord v1 = r.publishVersion(s.arn(), "{}", s.roleArn(), null, null, T0).orElseThrow();
        assertThat(r.publishVersion(s.arn(), "{}", s.roleArn(), null, null, T0)).contains(v1);
        VersionRecord v2 = r.publishVersion(s.arn(), "{x}", s.roleArn(), "d", "rev-2", T0).orElseThrow();
        assertThat(v2.arn()).isEqualTo(s.arn() + ":2");
        assertThat(r.deleteVersion(v2.arn())).isTrue();
        VersionRecord v3 = r.publishVersion(s.arn(), "{x}", s.roleArn(), "d", "rev-2", T0).orElseThrow();
        assertThat(v3.version()).isEqualTo(3);
        assertThat(r.versions(s.arn())).extracting(VersionRecord::version).containsExactly(3, 1);
        assertThat(r.publishVersion(s.arn() + "-missing", "{}", "r", null, null, T0)).isEmpty();
    }

    @Test
    void deleting_a_state_machine_deletes_its_versions_aliases_and_tags() {
        StateMachineRecord s = r.createStateMachine(sm("gone", "{}"));
        VersionRecord v = r.publishVersion(s.arn(), "{}", s.roleArn(), null, null, T0).orElseThrow();
        r.createAlias(new AliasRecord(s.arn() + ":live", s.arn(), "live", null,
                List.of(new AliasRecord.Route(v.arn(), 100)), T0, T0));
        r.tag(s.arn(), Map.of("k", "v"));
        assertThat(r.deleteStateMachine(s.arn())).isTrue();
        assertThat(r.version(v.arn())).isEmpty();
        assertThat(r.alias(s.arn() + ":live")).isEmpty();
        assertThat(r.tags(s.arn())).isEmpty();
        assertThat(r.deleteStateMachine(s.arn())).isFalse();
    }

    @Test
    void tags_are_merged_and_removed_by_key() {
        r.tag("arn:x", Map.of("a", "1", "b", "2"));
        r.tag("arn:x", Map.of("a", "3"));
        r.untag("arn:x", List.of("b", "missing"));
        assertThat(r.tags("arn:x")).containsExactly(Map.entry("a", "3"));
    }

    @Test
    void activities_are_created_once_and_listed_in_order() {
        ActivityRecord a = r.createActivity(new ActivityRecord("arn:aws:states:us-east-1:1:activity:b", "b", T0));
        r.createActivity(new ActivityRecord("arn:aws:states:us-east-1:1:activity:a", "a", T0));
        assertThat(r.createActivity(new ActivityRecord(a.arn(), "b", T0.plusSeconds(1)))).isSameAs(a);
        assertThat(r.activities(null, 10)).extracting(ActivityRecord::name).containsExactly("a", "b");
        assertThat(r.deleteActivity(a.arn())).isTrue();
        assertThat(r.activity(a.arn())).isEmpty();
    }
}
