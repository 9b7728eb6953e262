package io.conflux.engine.interpreter;

import static io.conflux.engine.interpreter.Stepper.FN;
import static io.conflux.engine.interpreter.Stepper.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RedriveExecution, stepped by hand: an ended execution gets a Redrive event and runs again from where it stopped. */
class RedriveTest {

    private static List<String> tokens(Stepper run) {
        return run.tasksStarted().stream().map(t -> t.request().taskToken()).toList();
    }

    @Test
    void a_failed_task_is_entered_again_with_the_input_it_had_and_the_history_goes_on_from_the_end() {
        Stepper run = Stepper.of("{'StartAt':'Prepare','States':{'Prepare':{'Type':'Pass','Result':1,"
                + "'ResultPath':'$.prepared','Next':'Work'},'Work':{'Type':'Task','Resource':'" + FN + "f',"
                + "'End':true}}}", "{'id':7}");
        run.start();
        String first = run.onlyTask();
        run.fail(first, "Boom", 1);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.FAILED);
        HistoryEvent failed = run.lastEvent(EventType.ExecutionFailed);

        run.step(new Event.Redrive(at(60)));
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(run.state.redriveCount()).isEqualTo(1);
        assertThat(run.state.redriveTime()).isEqualTo(at(60));
        assertThat(run.state.error()).isNull();
        assertThat(run.types()).containsExactly(EventType.ExecutionRedriven, EventType.TaskStateEntered,
                EventType.LambdaFunctionScheduled);
        HistoryEvent redriven = run.lastEvent(EventType.ExecutionRedriven);
        assertThat(redriven.id()).isEqualTo(failed.id() + 1);
        assertThat(redriven.previousEventId()).isEqualTo(failed.id());
        assertThat(redriven.details()).isEqualTo(new EventDetails.ExecutionRedriven(1));
        assertThat(run.lastEvent(EventType.TaskStateEntered).previousEventId()).isEqualTo(redriven.id());
        assertThat(run.tasksStarted().get(0).request().input()).isEqualTo(json("{'id':7,'prepared':1}"));

        run.succeed(run.onlyTask(), "{'done':true}", 61);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output()).isEqualTo(json("{'done':true}"));
        assertThat(run.history.stream().filter(e -> e.type() == EventType.PassStateEntered))
                .as("the state that succeeded is not run again").hasSize(1);
    }

    @Test
    void the_context_object_counts_redrives_and_tells_when_the_last_was() {
        Stepper run = Stepper.of("{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'" + FN + "f',"
                + "'Parameters':{'count.$':'$$.Execution.RedriveCount'},'End':true}}}", "{}");
        run.start();
        assertThat(run.tasksStarted().get(0).request().input()).isEqualTo(json("{'count':0}"));
        run.fail(run.onlyTask(), "Boom", 1);
        run.step(new Event.Redrive(at(10)));
        assertThat(run.tasksStarted().get(0).request().input()).isEqualTo(json("{'count':1}"));
        run.fail(run.onlyTask(), "Boom", 11);
        run.step(new Event.Redrive(at(20)));
        assertThat(run.tasksStarted().get(0).request().input()).isEqualTo(json("{'count':2}"));
        assertThat(run.lastEvent(EventType.ExecutionRedriven).details())
                .isEqualTo(new EventDetails.ExecutionRedriven(2));
    }

    @Test
    void a_parallel_state_runs_again_only_the_branches_that_did_not_succeed() {
        Stepper run = Stepper.of("{'StartAt':'Both','States':{'Both':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'" + FN + "a','End':true}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Task','Resource':'" + FN + "b','End':true}}}],"
                + "'End':true}}}", "{}");
        run.start();
        List<String> started = tokens(run);
        run.succeed(started.get(0), "'a'", 1);
        run.fail(started.get(1), "Boom", 2);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.FAILED);

        run.step(new Event.Redrive(at(10)));
        assertThat(run.tasksStarted()).hasSize(1);
        assertThat(run.tasksStarted().get(0).request().resource()).isEqualTo(FN + "b");
        assertThat(run.types()).containsExactly(EventType.ExecutionRedriven, EventType.ParallelStateEntered,
                EventType.ParallelStateStarted, EventType.TaskStateEntered, EventType.LambdaFunctionScheduled);
        run.succeed(run.onlyTask(), "'b'", 11);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output()).isEqualTo(json("['a','b']"));
    }

    @Test
    void a_map_runs_again_the_iterations_that_failed_or_were_aborted_each_from_where_it_stopped() {
        Stepper run = Stepper.of("{'StartAt':'Each','States':{'Each':{'Type':'Map','ItemsPath':'$.items',"
                + "'ItemProcessor':{'StartAt':'Tag','States':{'Tag':{'Type':'Pass','Parameters':{'n.$':'$'},"
                + "'Next':'Work'},'Work':{'Type':'Task','Resource':'" + FN + "f','End':true}}},'End':true}}}",
                "{'items':[1,2,3]}");
        run.start();
        List<String> started = tokens(run);
        assertThat(started).hasSize(3);
        run.succeed(started.get(0), "'one'", 1);
        run.fail(started.get(1), "Boom", 2); // iteration 2 is aborted with it
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.FAILED);

        run.step(new Event.Redrive(at(10)));
        assertThat(run.tasksStarted()).extracting(t -> t.request().input())
                .containsExactly(json("{'n':2}"), json("{'n':3}"));
        assertThat(run.types()).as("the iterations resume at their Task, not at the Pass before it")
                .doesNotContain(EventType.PassStateEntered);
        assertThat(run.last.events().stream().filter(e -> e.type() == EventType.MapIterationStarted)
                .map(e -> ((EventDetails.MapIteration) e.details()).index())).containsExactly(1, 2);
        List<String> again = tokens(run);
        run.succeed(again.get(0), "'two'", 11);
        run.succeed(again.get(1), "'three'", 12);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output()).isEqualTo(json("['one','two','three']"));
    }

    @Test
    void an_aborted_execution_enters_again_the_state_it_waited_in() {
        Stepper run = Stepper.of("{'StartAt':'Pause','States':{'Pause':{'Type':'Wait','Seconds':100,"
                + "'Next':'Done'},'Done':{'Type':'Succeed'}}}", "{'x':1}");
        run.start();
        run.step(new Event.Stop(at(5), "Stopped", "by hand"));
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.ABORTED);
        run.step(new Event.Redrive(at(10)));
        assertThat(run.types()).containsExactly(EventType.ExecutionRedriven, EventType.WaitStateEntered);
        assertThat(run.onlyTimer().due()).isEqualTo(at(110));
        run.fire(run.onlyTimer().timerId(), 110);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.output()).isEqualTo(json("{'x':1}"));
    }

    @Test
    void a_timed_out_execution_has_its_whole_timeout_again_from_the_redrive() {
        Stepper run = Stepper.of("{'TimeoutSeconds':30,'StartAt':'Work','States':{'Work':{'Type':'Task',"
                + "'Resource':'" + FN + "f','End':true}}}", "{}");
        run.start();
        String timeout = run.onlyTimer().timerId();
        run.fire(timeout, 30);
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        run.step(new Event.Redrive(at(100)));
        assertThat(run.onlyTimer().due()).isEqualTo(at(130));
        assertThat(run.tasksStarted()).hasSize(1);
    }

    @Test
    void a_redrive_of_an_execution_that_runs_or_succeeded_changes_nothing() {
        Stepper run = Stepper.of("{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'" + FN + "f',"
                + "'End':true}}}", "{}");
        run.start();
        String token = run.onlyTask();
        assertThat(run.step(new Event.Redrive(at(1))).events()).isEmpty();
        run.succeed(token, "{}", 2);
        assertThat(run.step(new Event.Redrive(at(3))).events()).isEmpty();
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.state.redriveCount()).isZero();
    }

    @Test
    void replaying_the_events_of_a_redriven_execution_rebuilds_it_exactly() {
        String definition = "{'StartAt':'Each','States':{'Each':{'Type':'Map','ItemsPath':'$.items',"
                + "'ItemProcessor':{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'" + FN + "f',"
                + "'End':true}}},'Next':'After'},'After':{'Type':'Task','Resource':'" + FN + "g','End':true}}}";
        Stepper run = Stepper.of(definition, "{'items':[1,2]}", "s");
        List<Event> events = new ArrayList<>();
        events.add(new Event.Start(Stepper.T0));
        run.step(events.get(0));
        List<String> started = tokens(run);
        events.add(new Event.TaskSucceeded(at(1), started.get(0), json("1")));
        events.add(new Event.TaskFailed(at(2), started.get(1), "Boom", null));
        events.add(new Event.Redrive(at(3)));
        for (Event e : events.subList(1, events.size())) {
            run.step(e);
        }
        events.add(new Event.TaskSucceeded(at(4), run.onlyTask(), json("2")));
        run.step(events.get(events.size() - 1));
        assertThat(run.state.status()).isEqualTo(ExecutionStatus.RUNNING);
        String after = run.onlyTask();

        Stepper replay = Stepper.of(definition, "{'items':[1,2]}", "s");
        events.forEach(replay::step);
        assertThat(replay.history).isEqualTo(run.history);
        assertThat(replay.state.pendingTaskTokens()).containsExactly(after);
        assertThat(replay.state.redriveCount()).isEqualTo(1);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
