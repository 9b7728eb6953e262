package io.conflux.store.jdbc;

import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.ExecutionStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The store contract on PostgreSQL (127.0.0.1:5432, user postgres; each test in a database of its own). */
class PostgresStoreTest extends ExecutionStoreContract {
    private final TestPostgres pg = TestPostgres.newDatabase();
    private Database db;

    @Override
    protected ExecutionStore newStore() {
        db = pg.open();
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
    void drop() {
        if (db != null) {
            db.close();
        }
        pg.drop();
    }
}
