package io.conflux.engine.store;

class InMemoryStoreTest extends ExecutionStoreContract {
    @Override
    protected ExecutionStore newStore() {
        return new InMemoryStore();
    }

    @Override
    void a_restarted_engine_resumes_waits_tasks_and_retries_where_they_stood() {
        // Nothing outlives an in-memory store: there is no restart to resume from.
    }

    @Override
    void an_execution_that_ended_before_a_restart_is_redriven_from_its_stored_events() {
        // Nothing outlives an in-memory store.
    }

    @Override
    void a_redriven_execution_that_runs_when_its_process_stops_is_resumed_by_the_next() {
        // Nothing outlives an in-memory store.
    }

    @Override
    void a_token_sent_to_another_node_reaches_the_node_that_runs_the_execution() {
        // An in-memory store is not shared between nodes.
    }

    @Override
    void the_executions_of_a_node_that_stops_renewing_are_taken_over_once_its_leases_run_out() {
        // An in-memory store is not shared between nodes.
    }
}
