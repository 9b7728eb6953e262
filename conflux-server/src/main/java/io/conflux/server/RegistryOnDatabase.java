package io.conflux.server;

import io.conflux.engine.registry.Registry;
import io.conflux.store.jdbc.Database;
import io.conflux.store.jdbc.JdbcRegistry;

/** The registry a durable server keeps in its database. */
final class RegistryOnDatabase {
    private RegistryOnDatabase() {}

    static Registry open(Database db) {
        return new JdbcRegistry(db);
    }
}
