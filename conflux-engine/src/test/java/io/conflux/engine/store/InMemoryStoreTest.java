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
}
