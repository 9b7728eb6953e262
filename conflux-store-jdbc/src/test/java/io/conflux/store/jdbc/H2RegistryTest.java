package io.conflux.store.jdbc;

import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.RegistryContract;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The registry contract on H2 in memory; a peer is a second pool over the same database. */
class H2RegistryTest extends RegistryContract {
    private final String name = "registry-" + UUID.randomUUID();
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
        Database db = Database.h2InMemory(name);
        opened.add(db);
        return db;
    }

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }
}
