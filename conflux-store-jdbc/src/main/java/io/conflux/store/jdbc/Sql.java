package io.conflux.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC on a {@link Database}: a statement on its own (auto-commit) or several in one transaction, with every
 * {@link SQLException} turned into a {@link StoreException} that says what could not be done.
 */
final class Sql {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Database db;

    Sql(Database db) {
        this.db = db;
    }

    /** Runs {@code work} with auto-commit: each statement is a transaction of its own. */
    <T> T run(String what, Work<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The pool discards a connection that failed; what the caller needs to see is the first failure.
            cause.addSuppressed(e);
        }
    }

    /** Executes an insert, update or delete; returns how many rows it changed. */
    static int update(Connection c, String sql, Batch.Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, Batch.Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Batch.Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * A unique or primary key was violated: 23505 in PostgreSQL and H2 alike. A batch reports it on the exception it
     * chains.
     */
    static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
