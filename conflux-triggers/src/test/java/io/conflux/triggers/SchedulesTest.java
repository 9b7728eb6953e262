package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.runtime.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules on an injected clock: the test moves time and ticks by hand. */
class SchedulesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:07:00Z"));
    private TestNode node;
    private String machine;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.manual(b -> b.clock(clock));
        machine = node.createStateMachine("work");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private int tickAt(String time) {
        clock.set(Instant.parse(time));
        return node.triggers.tick();
    }

    private List<String> executionNames() throws Exception {
        return node.executions(machine).stream().map(e -> e.path("name").asText()).sorted().toList();
    }

    @Test
    void a_cron_schedule_starts_one_execution_per_run() throws Exception {
        node.putSchedule("quarterly", """
                {"expression": "cron(0/15 * * * ? *)", "stateMachine": "work"}""");
        assertThat(node.triggers.tick()).isZero();
        assertThat(tickAt("2026-01-01T10:15:00Z")).isEqualTo(1);
        assertThat(node.triggers.tick()).isZero();
        assertThat(tickAt("2026-01-01T10:29:59Z")).isZero();
        assertThat(tickAt("2026-01-01T10:30:20Z")).isEqualTo(1);
        List<String> names = executionNames();
        assertThat(names).hasSize(2);
        assertThat(names.get(0)).startsWith("quarterly-20260101T101500Z-");
        assertThat(names.get(1)).startsWith("quarterly-20260101T103000Z-");
        assertThat(node.fires("quarterly")).extracting(f -> f.path("status").asText())
                .containsExactly("STARTED", "STARTED");
    }

    @Test
    void a_rate_schedule_runs_at_once_then_every_period_with_the_fire_time_in_its_input() throws Exception {
        node.putSchedule("hourly", """
                {"expression": "rate(1 hour)", "stateMachine": "work",
                 "input": {"at": "<aws.scheduler.scheduled-time>", "schedule": "<aws.scheduler.schedule-arn>",
                           "id": "<aws.scheduler.execution-id>", "attempt": "<aws.scheduler.attempt-number>"}}""");
        assertThat(node.triggers.tick()).isEqualTo(1);
        assertThat(tickAt("2026-01-01T11:06:59Z")).isZero();
        assertThat(tickAt("2026-01-01T11:07:00Z")).isEqualTo(1);
        JsonNode first = node.fires("hourly").get(1);
        JsonNode input = node.input(first.path("executionArn").asText());
        assertThat(input.path("at").asText()).isEqualTo("2026-01-01T10:07:00Z");
        assertThat(input.path("schedule").asText())
                .isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/hourly");
        assertThat(input.path("id").asText()).isEqualTo(first.path("executionName").asText());
        assertThat(input.path("attempt").asText()).isEqualTo("1");
    }

    @Test
    void a_one_time_schedule_runs_once_and_can_delete_itself() throws Exception {
        node.putSchedule("once", """
                {"expression": "at(2026-01-01T12:00:00)", "timezone": "Europe/Paris", "stateMachine": "work",
                 "actionAfterCompletion": "DELETE"}""");
        assertThat(node.schedule("once").path("nextRun").asText()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(tickAt("2026-01-01T10:59:59Z")).isZero();
        assertThat(tickAt("2026-01-01T11:00:00Z")).isEqualTo(1);
        assertThat(tickAt("2026-01-02T11:00:00Z")).isZero();
        assertThat(node.rest("GET", "/conflux/v1/schedules/once", null).status()).isEqualTo(404);
        assertThat(node.fires("once")).hasSize(1); // its history stays
        node.putSchedule("again", """
                {"expression": "at(2026-01-03T00:00:00)", "stateMachine": "work"}""");
        assertThat(tickAt("2026-01-03T00:00:00Z")).isEqualTo(1);
        assertThat(tickAt("2026-01-04T00:00:00Z")).isZero();
        assertThat(node.schedule("again").has("nextRun")).isFalse();
        assertThat(executionNames()).hasSize(2);
    }

    @Test
    void a_cron_time_in_the_skipped_hour_does_not_run_on_the_spring_forward_day() throws Exception {
        clock.set(Instant.parse("2026-03-06T12:00:00Z"));
        node.putSchedule("early", """
                {"expression": "cron(30 2 * * ? *)", "timezone": "America/New_York", "stateMachine": "work"}""");
        for (Instant t = clock.instant(); t.isBefore(Instant.parse("2026-03-10T12:00:00Z"));
                t = t.plus(Duration.ofMinutes(30))) {
            clock.set(t);
            node.triggers.tick();
        }
        assertThat(node.fires("early")).extracting(f -> f.path("scheduledTime").asText())
                .containsExactly("2026-03-10T06:30:00Z", "2026-03-09T06:30:00Z", "2026-03-07T07:30:00Z");
    }

    @Test
    void a_cron_time_that_happens_twice_on_the_fall_back_day_runs_once() throws Exception {
        clock.set(Instant.parse("2026-10-31T12:00:00Z"));
        node.putSchedule("late-night", """
                {"expression": "cron(30 1 * * ? *)", "timezone": "America/New_York", "stateMachine": "work"}""");
        for (Instant t = clock.instant(); t.isBefore(Instant.parse("2026-11-02T12:00:00Z"));
                t = t.plus(Duration.ofMinutes(15))) {
            clock.set(t);
            node.triggers.tick();
        }
        assertThat(node.fires("late-night")).extracting(f -> f.path("scheduledTime").asText())
                .containsExactly("2026-11-02T06:30:00Z", "2026-11-01T05:30:00Z");
        assertThat(node.fires("late-night")).allMatch(f -> f.path("status").asText().equals("STARTED"));
    }

    @Test
    void start_and_end_dates_bound_the_runs() throws Exception {
        node.putSchedule("window", """
                {"expression": "rate(1 hour)", "stateMachine": "work",
                 "startDate": "2026-01-01T12:00:00Z", "endDate": "2026-01-01T14:30:00Z"}""");
        JsonNode d = node.schedule("window");
        assertThat(d.path("nextRuns")).extracting(JsonNode::asText)
                .containsExactly("2026-01-01T12:00:00Z", "2026-01-01T13:00:00Z", "2026-01-01T14:00:00Z");
        for (String t : List.of("2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T13:00:00Z",
                "2026-01-01T14:00:00Z", "2026-01-01T15:00:00Z", "2026-01-01T16:00:00Z")) {
            tickAt(t);
        }
        assertThat(executionNames()).hasSize(3);
        assertThat(node.schedule("window").has("nextRun")).isFalse();
    }

    @Test
    void a_flexible_time_window_fires_within_the_window_after_the_run() throws Exception {
        node.putSchedule("flex", """
                {"expression": "cron(0 11 * * ? *)", "stateMachine": "work",
                 "flexibleTimeWindow": {"mode": "FLEXIBLE", "maximumWindowInMinutes": 10}}""");
        JsonNode d = node.schedule("flex");
        Instant run = Instant.parse(d.path("nextRun").asText());
        Instant fire = Instant.parse(d.path("nextFire").asText());
        assertThat(run).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
        assertThat(fire).isBetween(run, run.plus(Duration.ofMinutes(10)));
        if (fire.isAfter(run)) {
            clock.set(fire.minusSeconds(1));
            assertThat(node.triggers.tick()).isZero();
        }
        clock.set(fire);
        assertThat(node.triggers.tick()).isEqualTo(1);
        assertThat(executionNames().get(0)).startsWith("flex-20260101T110000Z-");
    }

    @Test
    void a_disabled_schedule_does_not_run_and_does_not_catch_up_when_enabled_again() throws Exception {
        node.putSchedule("paused", """
                {"expression": "cron(0 * * * ? *)", "stateMachine": "work", "state": "DISABLED"}""");
        assertThat(node.schedule("paused").has("nextRun")).isFalse();
        assertThat(tickAt("2026-01-01T11:00:00Z")).isZero();
        assertThat(tickAt("2026-01-01T14:30:00Z")).isZero();
        node.putSchedule("paused", """
                {"expression": "cron(0 * * * ? *)", "stateMachine": "work", "state": "ENABLED"}""");
        assertThat(node.triggers.tick()).isZero();
        assertThat(tickAt("2026-01-01T15:00:00Z")).isEqualTo(1);
        assertThat(node.fires("paused")).hasSize(1);
    }

    @Test
    void runs_missed_while_down_run_once_by_default() throws Exception {
        node.putSchedule("catch-up", """
                {"expression": "cron(0 * * * ? *)", "stateMachine": "work"}""");
        // no tick from 10:07 to 15:20 (as if no node ran): 11:00 to 15:00 were missed
        assertThat(tickAt("2026-01-01T15:20:00Z")).isEqualTo(1);
        List<JsonNode> fires = node.fires("catch-up");
        assertThat(fires).hasSize(2);
        assertThat(fires.get(0).path("scheduledTime").asText()).isEqualTo("2026-01-01T15:00:00Z");
        assertThat(fires.get(0).path("status").asText()).isEqualTo("STARTED");
        assertThat(fires.get(0).path("reason").asText()).startsWith("Ran late");
        assertThat(fires.get(1).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(fires.get(1).path("missedRuns").asInt()).isEqualTo(4);
        assertThat(fires.get(1).path("reason").asText())
                .isEqualTo("Missed 4 runs (2026-01-01T11:00:00Z to 2026-01-01T14:00:00Z) while no node was running; "
                        + "missed runs: RUN_ONCE");
        assertThat(tickAt("2026-01-01T16:00:00Z")).isEqualTo(1);
        assertThat(node.schedule("catch-up").path("counters").path("SKIPPED").asInt()).isEqualTo(4);
        assertThat(node.schedule("catch-up").path("counters").path("STARTED").asInt()).isEqualTo(2);
    }

    @Test
    void runs_missed_while_down_are_skipped_when_asked() throws Exception {
        node.putSchedule("no-catch-up", """
                {"expression": "cron(0 * * * ? *)", "stateMachine": "work", "missedRuns": "SKIP"}""");
        assertThat(tickAt("2026-01-01T15:20:00Z")).isZero();
        List<JsonNode> fires = node.fires("no-catch-up");
        assertThat(fires).hasSize(1);
        assertThat(fires.get(0).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(fires.get(0).path("missedRuns").asInt()).isEqualTo(5);
        assertThat(node.schedule("no-catch-up").path("nextRun").asText()).isEqualTo("2026-01-01T16:00:00Z");
        assertThat(tickAt("2026-01-01T16:00:30Z")).isEqualTo(1);
    }

    @Test
    void a_run_whose_state_machine_is_gone_is_recorded_as_failed_with_the_reason() throws Exception {
        node.putSchedule("orphan", """
                {"expression": "rate(5 minutes)", "stateMachine": "missing"}""");
        assertThat(node.triggers.tick()).isZero();
        JsonNode fire = node.fires("orphan").get(0);
        assertThat(fire.path("status").asText()).isEqualTo("FAILED");
        assertThat(fire.path("reason").asText()).contains("StateMachineDoesNotExist");
        assertThat(node.schedule("orphan").path("counters").path("FAILED").asInt()).isEqualTo(1);
    }

    @Test
    void describe_shows_the_next_runs_the_last_fires_and_counters() throws Exception {
        node.putSchedule("shown", """
                {"expression": "cron(0 12 ? * MON-FRI *)", "timezone": "Europe/Paris", "stateMachine": "work",
                 "description": "weekday lunch"}""");
        tickAt("2026-01-01T11:00:00Z");
        JsonNode d = node.schedule("shown");
        assertThat(d.path("state").asText()).isEqualTo("ENABLED");
        assertThat(d.path("expression").asText()).isEqualTo("cron(0 12 ? * MON-FRI *)");
        assertThat(d.path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(d.path("stateMachineArn").asText()).isEqualTo(machine);
        assertThat(d.path("description").asText()).isEqualTo("weekday lunch");
        assertThat(d.path("nextRuns")).extracting(JsonNode::asText).containsExactly("2026-01-02T11:00:00Z",
                "2026-01-05T11:00:00Z", "2026-01-06T11:00:00Z", "2026-01-07T11:00:00Z", "2026-01-08T11:00:00Z");
        assertThat(d.path("lastFires").get(0).path("status").asText()).isEqualTo("STARTED");
        assertThat(d.path("counters").path("STARTED").asInt()).isEqualTo(1);
        JsonNode list = node.rest("GET", "/conflux/v1/schedules", null).json();
        assertThat(list.path("schedules").get(0).path("name").asText()).isEqualTo("shown");
        assertThat(list.path("schedules").get(0).path("nextRun").asText()).isEqualTo("2026-01-02T11:00:00Z");
    }

    @Test
    void an_unchanged_definition_is_left_as_it_is_and_an_update_keeps_the_planned_run() throws Exception {
        String def = """
                {"expression": "rate(1 hour)", "stateMachine": "work", "startDate": "2026-01-01T12:00:00Z"}""";
        assertThat(node.rest("PUT", "/conflux/v1/schedules/s", def).json().path("result").asText())
                .isEqualTo("created");
        assertThat(node.rest("PUT", "/conflux/v1/schedules/s", def).json().path("result").asText())
                .isEqualTo("unchanged");
        JsonNode updated = node.rest("PUT", "/conflux/v1/schedules/s", """
                {"expression": "rate(1 hour)", "stateMachine": "work", "startDate": "2026-01-01T12:00:00Z",
                 "input": {"v": 2}}""").json();
        assertThat(updated.path("result").asText()).isEqualTo("updated");
        assertThat(updated.path("schedule").path("nextRun").asText()).isEqualTo("2026-01-01T12:00:00Z");
    }

    @Test
    void the_api_rejects_invalid_definitions_naming_every_problem() throws Exception {
        TestNode.Response r = node.rest("POST", "/conflux/v1/schedules", """
                {"name": "bad", "expression": "cron(0 12 * * * *)", "timezone": "Mars/Olympus",
                 "stateMachine": "work", "flexibleTimeWindow": {"mode": "FLEXIBLE"}, "colour": "red",
                 "input": "{not json"}""");
        assertThat(r.status()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.path("__type").asText()).isEqualTo("ValidationException");
        assertThat(body.path("problems")).extracting(JsonNode::asText).hasSize(5).contains(
                "colour: unknown field; expected one of [actionAfterCompletion, description, endDate, expression, "
                        + "flexibleTimeWindow, input, missedRuns, startDate, state, stateMachine, timezone]",
                "expression: Expected '?' in exactly one of day-of-month and day-of-week (AWS does not combine "
                        + "them), but got '*' and '*' in 'cron(0 12 * * * *)'",
                "timezone: expected a time zone such as Europe/Paris or UTC, but got 'Mars/Olympus'",
                "flexibleTimeWindow.maximumWindowInMinutes: required when the mode is FLEXIBLE");
        assertThat(body.path("problems")).anyMatch(p -> p.asText().startsWith("input: expected JSON"));
        assertThat(node.rest("POST", "/conflux/v1/schedules", """
                {"name": "dup", "expression": "rate(1 day)", "stateMachine": "work"}""").status()).isEqualTo(201);
        TestNode.Response again = node.rest("POST", "/conflux/v1/schedules", """
                {"name": "dup", "expression": "rate(1 day)", "stateMachine": "work"}""");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText())
                .isEqualTo("Expected a new schedule name, but a schedule named dup exists");
        assertThat(node.rest("DELETE", "/conflux/v1/schedules/dup", null).status()).isEqualTo(200);
        TestNode.Response gone = node.rest("DELETE", "/conflux/v1/schedules/dup", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("message").asText()).isEqualTo("Expected a schedule named dup, but there is none");
    }
}
