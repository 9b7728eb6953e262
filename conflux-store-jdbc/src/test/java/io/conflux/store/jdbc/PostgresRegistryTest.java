package io.conflux.store.jdbc;

import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.RegistryContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The registry contract on PostgreSQL (127.0.0.1:5432, user postgres; each test in a database of its own). A peer is
 * another node: a registry over a pool of its own on the same database, so the two-node tests race two pools. The
 * database sorts text linguistically, so the ARN order tests fail unless the schema compares ARNs bytewise itself.
 */
class PostgresRegistryTest extends RegistryContract {
    private final TestPostgres pg = TestPostgres.newLinguisticDatabase();
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected Registry newRegistry() {
        return new JdbcRegistry(open());
    }

    @Override
    protected Registry peer() {
        return new JdbcRegistry(open());
    }

    private Database open() {
        Database db = pg.open();
        opened.add(db);
        return db;
    }

    @AfterEach
    void drop() {
        opened.forEach(Database::close);
        pg.drop();
    }
}
