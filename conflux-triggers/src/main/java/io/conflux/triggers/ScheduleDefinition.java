package io.conflux.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.triggers.schedule.ScheduleExpression;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule as defined (in conflux.yaml or through the API), validated and compiled. Field names follow EventBridge
 * Scheduler's CreateSchedule:
 *
 * <pre>
 * expression: cron(0 2 * * ? *)         # rate(…), cron(…) or at(…)
 * timezone: Europe/Paris                # ScheduleExpressionTimezone; UTC when absent
 * stateMachine: nightly-report          # a name, or the ARN of a state machine, version or alias
 * input: {"day": "&lt;aws.scheduler.scheduled-time&gt;"}   # JSON (text or value), AWS's context attributes replaced
 * startDate: 2026-01-01T00:00:00Z       # runs on or after it
 * endDate: 2026-12-31T00:00:00Z         # runs before it
 * flexibleTimeWindow: {mode: FLEXIBLE, maximumWindowInMinutes: 15}
 * state: ENABLED                        # or DISABLED
 * missedRuns: RUN_ONCE                  # or SKIP: runs missed while no node was running
 * actionAfterCompletion: NONE           # or DELETE (a one-time schedule deletes itself once it ran)
 * description: …
 * </pre>
 */
record ScheduleDefinition(
        String name,
        ScheduleExpression expression,
        ZoneId zone,
        String stateMachineArn,
        String input,
        Instant startDate,
        Instant endDate,
        Duration flexibleWindow,
        boolean enabled,
        MissedRuns missedRuns,
        boolean deleteAfterCompletion,
        String description,
        JsonNode source) {

    /** What happens to runs whose time passed while no node was running. */
    enum MissedRuns {
        /** The latest missed run fires once, late; earlier ones are recorded as skipped. */
        RUN_ONCE,
        /** Missed runs are recorded as skipped; the schedule goes on with the next one. */
        SKIP
    }

    static final Set<String> FIELDS = Set.of("expression", "timezone", "stateMachine", "input", "startDate",
            "endDate", "flexibleTimeWindow", "state", "missedRuns", "actionAfterCompletion", "description");
    static final String SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";
    static final String SCHEDULE_ARN = "<aws.scheduler.schedule-arn>";
    static final String EXECUTION_ID = "<aws.scheduler.execution-id>";
    static final String ATTEMPT_NUMBER = "<aws.scheduler.attempt-number>";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Validates and compiles a definition.
     *
     * @throws DefinitionException naming every problem
     */
    static ScheduleDefinition parse(String name, JsonNode def, String region, String account) {
        Fields f = Fields.ofDefinition(name, def);
        f.onlyKnown(FIELDS);
        ScheduleExpression expression = null;
        String text = f.required("expression");
        if (text != null) {
            try {
                expression = ScheduleExpression.parse(text);
            } catch (IllegalArgumentException e) {
                f.problem("expression", e.getMessage());
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        String tz = f.text("timezone", null);
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                f.problem("timezone", "expected a time zone such as Europe/Paris or UTC, but got '" + tz + "'");
            }
        }
        String target = null;
        String sm = f.required("stateMachine");
        if (sm != null) {
            try {
                target = Targets.stateMachineArn(sm, region, account);
            } catch (IllegalArgumentException e) {
                f.problem("stateMachine", e.getMessage());
            }
        }
        String input = "{}";
        JsonNode in = f.get("input");
        if (in != null) {
            input = in.isTextual() ? in.textValue() : Json.write(in);
            String sample = render(input, Instant.EPOCH, "sample", "arn:aws:scheduler:::schedule/default/sample", 1);
            try {
                JsonNode parsed = Json.parse(sample);
                if (parsed == null || parsed.isMissingNode()) {
                    f.problem("input", "expected JSON, but got nothing");
                }
            } catch (JsonProcessingException e) {
                f.problem("input", "expected JSON (with AWS's context attributes such as " + SCHEDULED_TIME
                        + " in strings), but: " + e.getOriginalMessage());
            }
        }
        Instant start = f.instant("startDate");
        Instant end = f.instant("endDate");
        if (start != null && end != null && !end.isAfter(start)) {
            f.problem("endDate", "expected a date after the start date " + start + ", but got " + end);
        }
        Duration window = Duration.ZERO;
        JsonNode w = f.get("flexibleTimeWindow");
        if (w != null) {
            Fields wf = new Fields(w);
            if (!w.isObject()) {
                f.problem("flexibleTimeWindow", "expected {mode: OFF} or {mode: FLEXIBLE, maximumWindowInMinutes: "
                        + "1-1440}, but got " + w);
            } else {
                wf.onlyKnown(Set.of("mode", "maximumWindowInMinutes"));
                String mode = wf.oneOf("mode", null, List.of("OFF", "FLEXIBLE"));
                int minutes = wf.integer("maximumWindowInMinutes", 0, 1, 1440);
                if (mode == null && wf.problems().isEmpty()) {
                    wf.problem("mode", "required");
                } else if ("FLEXIBLE".equals(mode)) {
                    if (minutes == 0 && wf.problems().isEmpty()) {
                        wf.problem("maximumWindowInMinutes", "required when the mode is FLEXIBLE");
                    }
                    window = Duration.ofMinutes(minutes);
                } else if ("OFF".equals(mode) && wf.get("maximumWindowInMinutes") != null) {
                    wf.problem("maximumWindowInMinutes", "expected none when the mode is OFF");
                }
                wf.problems().forEach(p -> f.problems().add("flexibleTimeWindow." + p));
            }
        }
        boolean enabled = f.oneOf("state", "ENABLED", List.of("ENABLED", "DISABLED")).equals("ENABLED");
        MissedRuns missed = MissedRuns.valueOf(f.oneOf("missedRuns", "RUN_ONCE", List.of("RUN_ONCE", "SKIP")));
        boolean delete = f.oneOf("actionAfterCompletion", "NONE", List.of("NONE", "DELETE")).equals("DELETE");
        String description = f.text("description", null);
        if (description != null && description.length() > 512) {
            f.problem("description", "expected at most 512 characters, but got " + description.length());
        }
        f.check();
        return new ScheduleDefinition(name, expression, zone, target, input, start, end, window, enabled, missed,
                delete, description, def);
    }

    /** Replaces AWS's context attributes in the input. */
    static String render(String input, Instant scheduled, String executionId, String scheduleArn, int attempt) {
        if (input.indexOf('<') < 0) {
            return input;
        }
        return input.replace(SCHEDULED_TIME, scheduled.toString())
                .replace(SCHEDULE_ARN, scheduleArn)
                .replace(EXECUTION_ID, executionId)
                .replace(ATTEMPT_NUMBER, Integer.toString(attempt));
    }

    boolean oneTime() {
        return expression instanceof ScheduleExpression.At;
    }

    /**
     * The first run at or after {@code from}. A rate keeps its phase: from the start date, else from {@code phase}
     * (the run it had planned before a change), else it runs at {@code from}. A one-time schedule runs at its time,
     * past or not, and ignores the start and end dates, as AWS does.
     */
    Optional<Instant> firstAtOrAfter(Instant from, Instant phase) {
        Optional<Instant> first;
        if (expression instanceof ScheduleExpression.Rate r) {
            Instant anchor = startDate != null ? startDate : phase != null ? phase : from;
            if (!anchor.isBefore(from)) {
                first = Optional.of(anchor);
            } else {
                long period = r.period().toMillis();
                long behind = Duration.between(anchor, from).toMillis();
                long steps = (behind + period - 1) / period;
                first = Optional.of(anchor.plusMillis(steps * period));
            }
        } else if (oneTime()) {
            return expression.first(from, zone);
        } else {
            Instant f = startDate != null && startDate.isAfter(from) ? startDate : from;
            first = expression.first(f, zone);
        }
        return first.filter(this::beforeEnd);
    }

    /** The run after {@code previous}, if one is left before the end date. */
    Optional<Instant> next(Instant previous) {
        return expression.next(previous, zone).filter(this::beforeEnd);
    }

    private boolean beforeEnd(Instant t) {
        return oneTime() || endDate == null || t.isBefore(endDate);
    }

    /**
     * When a run fires: at its time, or, in a flexible window, after a delay within the window. The delay is drawn
     * from the schedule's revision and the run's time, so every node (and a retry) computes the same one.
     */
    Instant due(Instant scheduled, String revision) {
        if (flexibleWindow.isZero()) {
            return scheduled;
        }
        long seconds = flexibleWindow.toSeconds();
        long draw = Long.parseUnsignedLong(Targets.sha256(revision + "@" + scheduled).substring(0, 15), 16);
        return scheduled.plusSeconds(Math.floorMod(draw, seconds));
    }

    /** The execution a run starts: named after the schedule and the run, so that starting it again is idempotent. */
    String executionName(Instant scheduled, String revision) {
        return Targets.executionName(name, NAME_TIME.format(scheduled) + "-" + revision.substring(0, 8));
    }

    /** Whether a change keeps when the schedule runs (then its planned run stays). */
    boolean sameTiming(ScheduleDefinition o) {
        return expression.text().equals(o.expression.text()) && zone.equals(o.zone)
                && Objects.equals(startDate, o.startDate) && Objects.equals(endDate, o.endDate)
                && flexibleWindow.equals(o.flexibleWindow);
    }
}
