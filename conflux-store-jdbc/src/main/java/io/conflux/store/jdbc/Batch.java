package io.conflux.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JDBC batches by statement, inside one transaction: each SQL text is prepared once and executed as one batch. */
final class Batch implements AutoCloseable {
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

    Batch(Connection connection) {
        this.connection = connection;
    }

    void add(String sql, Binder binder) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        binder.bind(ps);
        ps.addBatch();
    }

    /** Executes every batch, in the order their statements were first used. */
    void flush() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
    }
}
