package io.conflux.triggers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The first {@code n} runs at or after {@code from}. */
    private static List<String> runs(String expression, String from, ZoneId zone, int n) {
        ScheduleExpression e = ScheduleExpression.parse(expression);
        List<String> out = new ArrayList<>();
        Optional<Instant> t = e.first(Instant.parse(from), zone);
        while (t.isPresent() && out.size() < n) {
            out.add(t.get().toString());
            t = e.next(t.get(), zone);
        }
        return out;
    }

    @Test
    void a_rate_runs_at_once_then_every_period() {
        assertThat(runs("rate(5 minutes)", "2026-01-01T10:00:07Z", UTC, 3))
                .containsExactly("2026-01-01T10:00:07Z", "2026-01-01T10:05:07Z", "2026-01-01T10:10:07Z");
        assertThat(runs("rate(1 hour)", "2026-01-01T10:00:00Z", UTC, 2))
                .containsExactly("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z");
    }

    @Test
    void a_rate_in_days_is_24_hours_even_across_a_daylight_saving_change() {
        // New York springs forward on 2026-03-08: the wall clock shows 10:00 then 11:00, 24 hours apart.
        assertThat(runs("rate(1 day)", "2026-03-07T15:00:00Z", NEW_YORK, 3))
                .containsExactly("2026-03-07T15:00:00Z", "2026-03-08T15:00:00Z", "2026-03-09T15:00:00Z");
    }

    @Test
    void cron_runs_at_the_matching_minutes() {
        assertThat(runs("cron(0 12 * * ? *)", "2026-01-01T12:00:00Z", UTC, 2))
                .containsExactly("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z");
        assertThat(runs("cron(0/15 * * * ? *)", "2026-01-01T10:07:00Z", UTC, 3))
                .containsExactly("2026-01-01T10:15:00Z", "2026-01-01T10:30:00Z", "2026-01-01T10:45:00Z");
        assertThat(runs("cron(0 18 ? * MON-FRI *)", "2026-01-02T19:00:00Z", UTC, 2)) // a Friday evening
                .containsExactly("2026-01-05T18:00:00Z", "2026-01-06T18:00:00Z");
        assertThat(runs("cron(0 10 ? JAN,MAR SUN 2026)", "2026-01-26T00:00:00Z", UTC, 2))
                .containsExactly("2026-03-01T10:00:00Z", "2026-03-08T10:00:00Z");
    }

    @Test
    void cron_knows_last_weekday_and_nth_day() {
        assertThat(runs("cron(0 10 L * ? *)", "2026-02-01T00:00:00Z", UTC, 2))
                .containsExactly("2026-02-28T10:00:00Z", "2026-03-31T10:00:00Z");
        // 6L: the last Friday (1 = Sunday)
        assertThat(runs("cron(15 10 ? * 6L 2026)", "2026-01-01T00:00:00Z", UTC, 2))
                .containsExactly("2026-01-30T10:15:00Z", "2026-02-27T10:15:00Z");
        // 15W: the weekday nearest the 15th (2026-02-15 is a Sunday: Monday the 16th)
        assertThat(runs("cron(0 10 15W * ? *)", "2026-02-01T00:00:00Z", UTC, 1))
                .containsExactly("2026-02-16T10:00:00Z");
        // LW: the last weekday of the month (2026-01-31 is a Saturday)
        assertThat(runs("cron(0 10 LW * ? *)", "2026-01-01T00:00:00Z", UTC, 1))
                .containsExactly("2026-01-30T10:00:00Z");
        // 2#3: the third Monday
        assertThat(runs("cron(0 10 ? * 2#3 *)", "2026-01-01T00:00:00Z", UTC, 2))
                .containsExactly("2026-01-19T10:00:00Z", "2026-02-16T10:00:00Z");
    }

    @Test
    void cron_ends_with_its_years() {
        assertThat(runs("cron(0 0 1 1 ? 2026-2027)", "2026-01-01T00:00:00Z", UTC, 5))
                .containsExactly("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    }

    @Test
    void cron_runs_on_the_zones_wall_clock() {
        assertThat(runs("cron(0 9 * * ? *)", "2026-01-01T00:00:00Z", PARIS, 1))
                .containsExactly("2026-01-01T08:00:00Z"); // 09:00 CET
        assertThat(runs("cron(0 9 * * ? *)", "2026-07-01T00:00:00Z", PARIS, 1))
                .containsExactly("2026-07-01T07:00:00Z"); // 09:00 CEST
    }

    @Test
    void a_cron_time_in_the_skipped_hour_does_not_run_that_day() {
        // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
        assertThat(runs("cron(30 2 * * ? *)", "2026-03-07T00:00:00Z", NEW_YORK, 3))
                .containsExactly("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z");
        // an hourly cron has 23 runs that day
        List<String> hourly = runs("cron(0 * * * ? *)", "2026-03-08T05:00:00Z", NEW_YORK, 3);
        assertThat(hourly).containsExactly("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z");
        // 00:00 EST, 01:00 EST, then 03:00 EDT (07:00Z): 02:00 was skipped
    }

    @Test
    void a_cron_time_that_happens_twice_when_clocks_fall_back_runs_once() {
        // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice (05:30Z and 06:30Z).
        assertThat(runs("cron(30 1 * * ? *)", "2026-10-31T00:00:00Z", NEW_YORK, 3))
                .containsExactly("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z");
        assertThat(runs("cron(30 * * * ? *)", "2026-11-01T04:00:00Z", NEW_YORK, 3))
                .containsExactly("2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:30:00Z");
        // 00:30 EDT, 01:30 EDT, then 02:30 EST: the second 01:30 (06:30Z) does not run
    }

    @Test
    void a_cron_search_from_the_repeated_hour_does_not_go_back() {
        ScheduleExpression e = ScheduleExpression.parse("cron(45 1 * * ? *)");
        // 06:10Z is 01:10 EST, the second 01:xx; 01:45 EDT (05:45Z) is behind it, so the next run is tomorrow.
        assertThat(e.next(Instant.parse("2026-11-01T06:10:00Z"), NEW_YORK))
                .contains(Instant.parse("2026-11-02T06:45:00Z"));
    }

    @Test
    void at_runs_once_at_its_wall_clock_time() {
        assertThat(runs("at(2026-03-01T09:00:00)", "2026-01-01T00:00:00Z", PARIS, 5))
                .containsExactly("2026-03-01T08:00:00Z");
        assertThat(runs("at(2026-03-01T09:00:00)", "2026-01-01T00:00:00Z", UTC, 5))
                .containsExactly("2026-03-01T09:00:00Z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate(0 minutes)|Expected a positive value",
        "rate(5 seconds)|Expected rate(value unit)",
        "rate(five minutes)|Expected rate(value unit)",
        "cron(0 12 * * *)|Expected six cron fields",
        "cron(0 12 * * * *)|Expected '?' in exactly one of day-of-month and day-of-week",
        "cron(0 12 ? * ? *)|Expected '?' in exactly one of day-of-month and day-of-week",
        "cron(0 12 1 * 2 *)|Expected '?' in exactly one of day-of-month and day-of-week",
        "cron(60 12 * * ? *)|Expected a valid cron expression",
        "cron(0 24 * * ? *)|Expected a valid cron expression",
        "cron(0 12 ? * 8 *)|Expected a valid cron expression",
        "cron(0 12 * * ? 2200)|Expected a valid cron expression",
        "at(2026-02-30T09:00:00)|Expected at(yyyy-mm-ddThh:mm:ss) with a real date",
        "at(2026-02-03 09:00)|Expected at(yyyy-mm-ddThh:mm:ss)",
        "every 5 minutes|Expected a schedule expression",
    })
    void rejects_what_aws_rejects_with_a_message_that_says_why(String expression, String message) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void accepts_singular_and_plural_units_and_month_and_day_names() {
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isInstanceOf(ScheduleExpression.Rate.class);
        assertThat(ScheduleExpression.parse("rate(2 days)")).isInstanceOf(ScheduleExpression.Rate.class);
        assertThat(ScheduleExpression.parse("cron(0 8 ? jan-mar mon *)")).isInstanceOf(ScheduleExpression.Cron.class);
    }
}
