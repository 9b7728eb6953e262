package io.conflux.triggers.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * EventBridge's six-field cron: {@code minutes hours day-of-month month day-of-week year}, with {@code , - * / ?} and
 * {@code L W #}; days of the week 1-7 or SUN-SAT (1 = Sunday); years 1970-2199; exactly one of day-of-month and
 * day-of-week is {@code ?}. cron-utils has no AWS definition, so this is one built with its builder; cron-utils parses
 * and matches, this class adds AWS's rules and the time zone.
 *
 * <p>Matching runs on the zone's wall clock (cron-utils sees local times as UTC, where no clock ever jumps), and each
 * matching local time is then placed in the zone: a local time in a spring-forward gap does not exist and is skipped;
 * one in a fall-back overlap is taken at its earlier offset only, so it runs once.
 */
public final class AwsCron {
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
            .supportsQuestionMark().and()
            .withYear().withValidRange(1970, 2199).and()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    /** Local times tried before giving up on finding one that exists (only gaps are skipped, so a few suffice). */
    private static final int MAX_SKIPS = 1000;

    private final String fields;
    private final ExecutionTime time;

    private AwsCron(String fields, ExecutionTime time) {
        this.fields = fields;
        this.time = time;
    }

    /** Parses the fields inside {@code cron(…)}. */
    public static AwsCron parse(String fields) {
        String f = fields.strip();
        List<String> parts = List.of(f.split("\\s+"));
        if (parts.size() != 6) {
            throw new IllegalArgumentException("Expected six cron fields (minutes hours day-of-month month "
                    + "day-of-week year), but got " + parts.size() + " in 'cron(" + fields + ")'");
        }
        boolean domAny = parts.get(2).equals("?");
        boolean dowAny = parts.get(4).equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("Expected '?' in exactly one of day-of-month and day-of-week (AWS "
                    + "does not combine them), but got '" + parts.get(2) + "' and '" + parts.get(4) + "' in 'cron("
                    + fields + ")'");
        }
        Cron cron;
        try {
            cron = PARSER.parse(String.join(" ", parts).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected a valid cron expression, but 'cron(" + fields + ")': "
                    + e.getMessage(), e);
        }
        return new AwsCron(f, ExecutionTime.forCron(cron));
    }

    /** The fields as written. */
    public String fields() {
        return fields;
    }

    /** The first occurrence strictly after {@code after}, in {@code zone}; empty when the years run out. */
    public Optional<Instant> after(Instant after, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < MAX_SKIPS; i++) {
            Optional<ZonedDateTime> n = time.nextExecution(local.atZone(ZoneOffset.UTC));
            if (n.isEmpty()) {
                return Optional.empty();
            }
            local = n.get().toLocalDateTime();
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                continue; // in a spring-forward gap: this time does not exist today
            }
            Instant at = local.toInstant(offsets.get(0)); // in an overlap, the earlier offset only
            if (at.isAfter(after)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "cron(" + fields + ")";
    }
}
