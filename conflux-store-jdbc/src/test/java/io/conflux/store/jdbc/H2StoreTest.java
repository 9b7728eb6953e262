package io.conflux.store.jdbc;

import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.ExecutionStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class H2StoreTest extends ExecutionStoreContract {
    private final String name = "contract-" + UUID.randomUUID();
    private Database db;

    @Override
    protected ExecutionStore newStore() {
        db = Database.h2InMemory(name);
        return new JdbcExecutionStore(db);
    }

    @Override
    protected ExecutionStore reopen() {
        return new JdbcExecutionStore(db);
    }

    @Override
    protected ExecutionStore peer(String node, java.time.Duration lease) {
        if (db == null) {
            newStore().close();
        }
        return new JdbcExecutionStore(db, node, lease);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }
}
