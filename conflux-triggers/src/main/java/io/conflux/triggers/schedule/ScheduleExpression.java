package io.conflux.triggers.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule runs, written as EventBridge Scheduler writes it: {@code rate(5 minutes)}, {@code cron(0 12 * * ?
 * *)} or {@code at(2026-03-01T09:00:00)}. Parsed once; occurrences are computed on demand from an instant, in the
 * schedule's time zone.
 *
 * <p>Daylight-saving time as AWS documents it: a cron time that does not exist on a spring-forward day (it falls in
 * the skipped hour) is skipped that day; a cron time that exists twice on a fall-back day runs once, at its first
 * occurrence. A rate is a fixed duration: {@code rate(1 day)} is 24 hours after the previous run, whatever the
 * clocks did in between.
 */
public sealed interface ScheduleExpression {

    /** The expression as written. */
    String text();

    /**
     * The first occurrence at or after {@code from}, for a schedule first created or changed at {@code from}. A rate
     * runs at once (or at its start date, given as {@code from}); a cron expression at its first matching minute; a
     * one-time schedule at its time even when that has passed (the caller decides what a past time means).
     */
    Optional<Instant> first(Instant from, ZoneId zone);

    /** The occurrence that follows {@code previous}, an occurrence of this schedule; empty when there is none. */
    Optional<Instant> next(Instant previous, ZoneId zone);

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message that says what is wrong ("Expected … but …")
     */
    static ScheduleExpression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Expected a schedule expression: rate(value unit), cron(fields) or "
                    + "at(yyyy-mm-ddThh:mm:ss), but got none");
        }
        String t = text.strip();
        if (t.startsWith("rate(") && t.endsWith(")")) {
            return Rate.parse(t);
        }
        if (t.startsWith("cron(") && t.endsWith(")")) {
            return new Cron(t, AwsCron.parse(t.substring(5, t.length() - 1)));
        }
        if (t.startsWith("at(") && t.endsWith(")")) {
            return At.parse(t);
        }
        throw new IllegalArgumentException("Expected a schedule expression: rate(value unit), cron(fields) or "
                + "at(yyyy-mm-ddThh:mm:ss), but got '" + text + "'");
    }

    /** {@code rate(value unit)}: a fixed period, from the start date (or at once) on. */
    record Rate(String text, Duration period) implements ScheduleExpression {
        private static final Pattern SYNTAX = Pattern.compile("rate\\((\\d{1,9}) +(minute|minutes|hour|hours|day|days)\\)");

        static Rate parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("Expected rate(value unit) with a positive whole value and a unit "
                        + "of minute, minutes, hour, hours, day or days, but got '" + text + "'");
            }
            long value = Long.parseLong(m.group(1));
            if (value <= 0) {
                throw new IllegalArgumentException("Expected a positive value in '" + text + "', but got " + value);
            }
            Duration period = switch (m.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(value);
                case "hour", "hours" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(text, period);
        }

        @Override
        public Optional<Instant> first(Instant from, ZoneId zone) {
            return Optional.of(from);
        }

        @Override
        public Optional<Instant> next(Instant previous, ZoneId zone) {
            return Optional.of(previous.plus(period));
        }
    }

    /** {@code cron(minutes hours day-of-month month day-of-week year)}, evaluated on the zone's wall clock. */
    record Cron(String text, AwsCron cron) implements ScheduleExpression {
        @Override
        public Optional<Instant> first(Instant from, ZoneId zone) {
            // The first matching minute at or after 'from': search from just before it.
            return cron.after(from.minusNanos(1), zone);
        }

        @Override
        public Optional<Instant> next(Instant previous, ZoneId zone) {
            return cron.after(previous, zone);
        }
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)}: once, at that wall-clock time in the schedule's zone. */
    record At(String text, LocalDateTime time) implements ScheduleExpression {
        static At parse(String text) {
            String inner = text.substring(3, text.length() - 1);
            if (!inner.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException("Expected at(yyyy-mm-ddThh:mm:ss), but got '" + text + "'");
            }
            try {
                return new At(text, LocalDateTime.parse(inner));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Expected at(yyyy-mm-ddThh:mm:ss) with a real date and time, but "
                        + "got '" + text + "'");
            }
        }

        /** The instant it names; a time in a spring-forward gap moves forward by the gap, as java.time does. */
        public Instant instant(ZoneId zone) {
            try {
                return time.atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public Optional<Instant> first(Instant from, ZoneId zone) {
            return Optional.of(instant(zone));
        }

        @Override
        public Optional<Instant> next(Instant previous, ZoneId zone) {
            return Optional.empty();
        }
    }
}
