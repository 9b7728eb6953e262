package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the cluster keeps what must survive a restart: compute environments, queues, job definitions, jobs, ECS
 * clusters, task definitions and tasks, one JSON document each ({@code cluster_objects}, migration V200). The live
 * state is in memory; every change is written through, so a restarted server reads it all back. A server that keeps
 * everything in memory uses {@link #NONE}.
 */
interface ClusterStore {

    void put(String kind, String id, JsonNode body);

    void delete(String kind, String id);

    List<JsonNode> all(String kind);

    ClusterStore NONE = new ClusterStore() {
        @Override
        public void put(String kind, String id, JsonNode body) {}

        @Override
        public void delete(String kind, String id) {}

        @Override
        public List<JsonNode> all(String kind) {
            return List.of();
        }
    };

    static ClusterStore on(Database db) {
        return new Jdbc(db);
    }

    /** H2 or PostgreSQL, one upsert per change. */
    final class Jdbc implements ClusterStore {
        private final Database db;
        private final String upsert;

        Jdbc(Database db) {
            this.db = db;
            this.upsert = db.dialect() == Database.Dialect.H2
                    ? "MERGE INTO cluster_objects (kind, id, body) KEY (kind, id) VALUES (?, ?, ?)"
                    : "INSERT INTO cluster_objects (kind, id, body) VALUES (?, ?, ?) "
                            + "ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body";
        }

        @Override
        public void put(String kind, String id, JsonNode body) {
            try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(upsert)) {
                st.setString(1, kind);
                st.setString(2, id);
                st.setString(3, Json.write(body));
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store the " + kind + " " + id + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void delete(String kind, String id) {
            try (Connection c = db.connection();
                    PreparedStatement st = c.prepareStatement("DELETE FROM cluster_objects WHERE kind = ? AND id = ?")) {
                st.setString(1, kind);
                st.setString(2, id);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not delete the " + kind + " " + id + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<JsonNode> all(String kind) {
            List<JsonNode> out = new ArrayList<>();
            try (Connection c = db.connection();
                    PreparedStatement st = c.prepareStatement("SELECT body FROM cluster_objects WHERE kind = ?")) {
                st.setString(1, kind);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.parse(rs.getString(1)));
                    }
                }
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Could not read the cluster's " + kind + "s: " + e.getMessage(), e);
            }
            return out;
        }
    }
}
