package io.conflux.functions;

import io.conflux.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Functions in the server's database (a durable server): settings and deployment packages, so that they outlive the
 * process and servers sharing a PostgreSQL database share them. Plain JDBC, one statement per call.
 */
final class FunctionTable {
    private final Database db;

    FunctionTable(Database db) {
        this.db = db;
    }

    /** Creates or replaces a function's row; stores its package first when the database does not have it yet. */
    void save(FunctionSpec spec, byte[] zip) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (zip != null && !hasCode(c, spec.codeSha256())) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO function_code (sha256, zip) VALUES (?, ?)")) {
                        ps.setString(1, spec.codeSha256());
                        ps.setBytes(2, zip);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM functions WHERE name = ?")) {
                    del.setString(1, spec.name());
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO functions (name, revision_id, code_sha256, spec) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, spec.name());
                    ps.setString(2, spec.revisionId());
                    ps.setString(3, spec.codeSha256());
                    ps.setString(4, SpecJson.write(spec));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw LambdaException.service("Could not save the function " + spec.name() + ": " + e.getMessage());
        }
    }

    private static boolean hasCode(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM function_code WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void delete(String name) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM functions WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw LambdaException.service("Could not delete the function " + name + ": " + e.getMessage());
        }
    }

    /** Every function's revision, by name: cheap enough to ask every few seconds. */
    Map<String, String> revisions() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT name, revision_id FROM functions");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    Optional<FunctionSpec> load(String name) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT spec FROM functions WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SpecJson.read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    Optional<byte[]> code(String sha) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT zip FROM function_code WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
