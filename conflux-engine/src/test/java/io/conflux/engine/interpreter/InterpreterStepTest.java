package io.conflux.engine.interpreter;

import static io.conflux.engine.interpreter.Stepper.FN;
import static io.conflux.engine.interpreter.Stepper.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interpreter stepped by hand: each test feeds events at explicit instants and reads what each step produced. */
class InterpreterStepTest {
    private static final String ACTIVITY = "arn:aws:states:us-east-1:111111111111:activity:work";

    private static final String BACKOFF = "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f',"
            + "'Retry':[{'ErrorEquals':['Boom'],'IntervalSeconds':2,'BackoffRate':3,'MaxAttempts':4,"
            + "'MaxDelaySeconds':10}],'End':true}}}";

    @Test
    void retry_waits_interval_seconds_then_backoff_rate_times_longer_each_time_capped_by_max_delay_seconds() {
        Stepper run = Stepper.of(BACKOFF, "{}");
        run.start();
        long now = 0;
        long[] delays = {2, 6, 10, 10}; // 2, 2*3, 2*9 capped at 10, 2*27 capped at 10
        for (long delay : delays) {
            String token = run.onlyTask();
            now += 1;
            run.fail(token, "Boom", now);
            Command.StartTimer backoff = run.onlyTimer();
            assertThat(backoff.due()).isEqualTo(at(now + delay));
            assertThat(run.tasksStarted()).as("nothing runs during the backoff").isEmpty();
            now += delay;
            run.fire(backoff.timerId(), now);
        }
        run.fail(run.onlyTask(), "Boom", now + 1);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.state.error()).isEqualTo("Boom");
        assertThat(run.history.stream().filter(e -> e.type() == EventType.LambdaFunctionScheduled))
                .as("the first attempt and four retries").hasSize(5);
    }

    @Test
    void each_retry_is_scheduled_again_from_the_failure_it_follows() {
        Stepper run = Stepper.of(BACKOFF, "{}");
        run.start();
        run.fail(run.onlyTask(), "Boom", 1);
        HistoryEvent failed = run.lastEvent(EventType.LambdaFunctionFailed);
        run.fire(run.onlyTimer().timerId(), 3);
        HistoryEvent scheduled = run.lastEvent(EventType.LambdaFunctionScheduled);
        assertThat(scheduled.previousEventId()).isEqualTo(failed.id());
        assertThat(run.types()).as("no state is entered again").doesNotContain(EventType.TaskStateEntered);
    }

    @Test
    void full_jitter_keeps_every_delay_between_zero_and_the_computed_backoff() {
        String definition = "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f','Retry':[{"
                + "'ErrorEquals':['Boom'],'IntervalSeconds':4,'BackoffRate':2,'MaxAttempts':3,"
                + "'JitterStrategy':'FULL'}],'End':true}}}";
        Set<Duration> seen = new HashSet<>();
        for (int salt = 0; salt < 40; salt++) {
            Stepper run = Stepper.of(definition, "{}", "salt-" + salt);
            run.start();
            Instant now = Stepper.T0;
            for (long ceiling : new long[] {4, 8, 16}) {
                run.step(new Event.TaskFailed(now, run.onlyTask(), "Boom", null));
                if (run.timersStarted().isEmpty()) {
                    continue; // a jittered delay of zero retries at once
                }
                Command.StartTimer t = run.onlyTimer();
                Duration delay = Duration.between(now, t.due());
                assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(ceiling));
                seen.add(delay);
                now = t.due();
                run.step(new Event.TimerFired(now, t.timerId()));
            }
        }
        assertThat(seen).as("the delays are spread, not fixed").hasSizeGreaterThan(20);
    }

    @Test
    void catch_places_the_error_output_at_result_path_and_goes_to_next() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f','Catch':[{"
                + "'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Done'}],'End':true},"
                + "'Done':{'Type':'Pass','End':true}}}", "{'order':1}");
        run.start();
        run.fail(run.onlyTask(), "Boom", 1);

        assertThat(run.types()).containsExactly(EventType.LambdaFunctionFailed, EventType.TaskStateExited,
                EventType.PassStateEntered, EventType.PassStateExited, EventType.ExecutionSucceeded);
        JsonNode caught = json("{'order':1,'error':{'Error':'Boom','Cause':'it broke'}}");
        EventDetails.StateExited exited = (EventDetails.StateExited) run.lastEvent(EventType.TaskStateExited)
                .details();
        assertThat(exited.output()).isEqualTo(caught);
        assertThat(run.state.output()).isEqualTo(caught);
    }

    @Test
    void timeout_seconds_starts_a_timer_whose_firing_fails_the_task_with_states_timeout_and_cancels_it() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f',"
                + "'TimeoutSeconds':5,'End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        Command.StartTimer timeout = run.onlyTimer();
        assertThat(timeout.due()).isEqualTo(at(5));
        EventDetails.Scheduled scheduled = (EventDetails.Scheduled) run
                .lastEvent(EventType.LambdaFunctionScheduled).details();
        assertThat(scheduled.timeoutInSeconds()).isEqualTo(5L);

        run.fire(timeout.timerId(), 5);
        assertThat(run.types()).containsExactly(EventType.LambdaFunctionTimedOut, EventType.ExecutionFailed);
        assertThat(run.tasksCancelled()).containsExactly(token);
        assertThat(run.state.error()).isEqualTo("States.Timeout");
        assertThat(run.state.pendingTaskTokens()).isEmpty();
    }

    @Test
    void each_heartbeat_restarts_the_heartbeat_timer_and_the_result_cancels_both_timers() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + ACTIVITY + "',"
                + "'TimeoutSeconds':100,'HeartbeatSeconds':3,'End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        Map<Instant, String> timers = new HashMap<>();
        run.timersStarted().forEach(t -> timers.put(t.due(), t.timerId()));
        assertThat(timers).containsOnlyKeys(at(100), at(3));

        run.step(new Event.TaskHeartbeat(at(2), token));
        assertThat(run.timersCancelled()).containsExactly(timers.get(at(3)));
        Command.StartTimer renewed = run.onlyTimer();
        assertThat(renewed.due()).isEqualTo(at(5));

        run.succeed(token, "{'done':true}", 4);
        assertThat(run.timersCancelled()).containsExactlyInAnyOrder(timers.get(at(100)), renewed.timerId());
        assertThat(run.state.pendingTimers()).isEmpty();
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void a_missed_heartbeat_fails_the_task_with_states_heartbeat_timeout() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + ACTIVITY + "',"
                + "'HeartbeatSeconds':3,'End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        run.fire(run.onlyTimer().timerId(), 3);
        assertThat(run.types()).containsExactly(EventType.ActivityTimedOut, EventType.ExecutionFailed);
        assertThat(run.tasksCancelled()).containsExactly(token);
        assertThat(run.state.error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void a_late_result_after_a_timeout_is_ignored() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f',"
                + "'TimeoutSeconds':5,'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Again'}],'End':true},"
                + "'Again':{'Type':'Task','Resource':'" + FN + "g','End':true}}}", "{}");
        run.start();
        String first = run.onlyTask();
        run.fire(run.onlyTimer().timerId(), 5);
        String second = run.onlyTask();
        long events = run.state.lastEventId();

        Transition late = run.succeed(first, "{'late':true}", 6);
        assertThat(late.events()).isEmpty();
        assertThat(late.commands()).isEmpty();
        assertThat(run.state.lastEventId()).isEqualTo(events);
        assertThat(run.state.pendingTaskTokens()).containsExactly(second);
    }

    @Test
    void execution_timeout_seconds_times_the_execution_out_and_cancels_what_it_waits_for() {
        Stepper run = Stepper.of("{'TimeoutSeconds':30,'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'" + FN + "f','End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        Command.StartTimer timeout = run.onlyTimer();
        assertThat(timeout.due()).isEqualTo(at(30));

        run.fire(timeout.timerId(), 30);
        assertThat(run.types()).containsExactly(EventType.ExecutionTimedOut);
        assertThat(run.tasksCancelled()).containsExactly(token);
        assertThat(run.last.commands()).contains(new Command.Finished(ExecutionStatus.TIMED_OUT));
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(run.state.error()).isEqualTo("States.Timeout");
    }

    @Test
    void a_failing_parallel_branch_cancels_the_other_branches_tasks_and_records_them_aborted() {
        Stepper run = Stepper.of("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'" + FN + "a','End':true}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Task','Resource':'" + FN + "b','End':true}}}]}}}", "{}");
        run.start();
        Map<String, String> tokens = new HashMap<>();
        run.tasksStarted().forEach(t -> tokens.put(t.request().resource(), t.request().taskToken()));
        assertThat(tokens).hasSize(2);

        run.fail(tokens.get(FN + "a"), "Boom", 1);
        assertThat(run.tasksCancelled()).containsExactly(tokens.get(FN + "b"));
        assertThat(run.types()).containsExactly(EventType.LambdaFunctionFailed, EventType.TaskStateAborted,
                EventType.TaskStateAborted, EventType.ParallelStateFailed, EventType.ExecutionFailed);
        assertThat(run.state.pendingTaskTokens()).isEmpty();

        Transition late = run.succeed(tokens.get(FN + "b"), "{}", 2);
        assertThat(late.events()).as("the cancelled branch's result comes too late").isEmpty();
    }

    @Test
    void a_map_never_has_more_than_max_concurrency_iterations_waiting_at_once() {
        Stepper run = Stepper.of("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'End':true,"
                + "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f',"
                + "'End':true}}}}}}", "[1,2,3,4,5]");
        run.start();
        Map<String, JsonNode> waiting = new HashMap<>();
        List<Integer> peak = new ArrayList<>();
        run.tasksStarted().forEach(t -> waiting.put(t.request().taskToken(), t.request().input()));
        long now = 0;
        while (run.state.status() == ExecutionStatus.RUNNING) {
            assertThat(run.state.pendingTaskTokens()).hasSizeLessThanOrEqualTo(2);
            peak.add(run.state.pendingTaskTokens().size());
            // Finish the most recently started first, so that results arrive out of item order.
            String token = run.tasksStarted().isEmpty() ? waiting.keySet().iterator().next()
                    : run.tasksStarted().get(run.tasksStarted().size() - 1).request().taskToken();
            JsonNode item = waiting.remove(token);
            run.step(new Event.TaskSucceeded(at(++now), token, item));
            run.tasksStarted().forEach(t -> waiting.put(t.request().taskToken(), t.request().input()));
        }
        assertThat(peak).contains(2);
        assertThat(run.state.output()).isEqualTo(json("[1,2,3,4,5]"));
    }

    @Test
    void stop_aborts_pending_tasks_and_ends_from_no_event() {
        Stepper run = Stepper.of("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f',"
                + "'TimeoutSeconds':60,'End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        String timeout = run.onlyTimer().timerId();

        run.step(new Event.Stop(at(7), "Halt", "by hand"));
        assertThat(run.types()).as("no TaskStateAborted: the execution's end is the record")
                .containsExactly(EventType.ExecutionAborted);
        assertThat(run.lastEvent(EventType.ExecutionAborted).previousEventId()).isZero();
        assertThat(run.tasksCancelled()).containsExactly(token);
        assertThat(run.timersCancelled()).containsExactly(timeout);
        assertThat(run.last.commands()).contains(new Command.Finished(ExecutionStatus.ABORTED));
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(run.state.error()).isEqualTo("Halt");

        assertThat(run.succeed(token, "{}", 8).events()).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
