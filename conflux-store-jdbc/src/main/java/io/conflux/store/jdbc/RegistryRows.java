package io.conflux.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.ActivityRecord;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.StateMachineRecord;
import io.conflux.engine.registry.VersionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's records as rows of {@code V2__registry.sql}: the columns each is read from and written to, in one
 * place. Statements bind a record's columns in the order of the column lists here.
 */
final class RegistryRows {
    private RegistryRows() {}

    /** The columns of a state machine but its key, {@code arn}, and {@code last_version}, which publishing owns. */
    static final String STATE_MACHINE_DATA = "name, type, definition, role_arn, description, logging_configuration, "
            + "tracing_configuration, revision_id, created, updated";
    static final String STATE_MACHINE_COLUMNS = "arn, " + STATE_MACHINE_DATA;
    static final String VERSION_COLUMNS = "arn, state_machine_arn, version, definition, role_arn, description, "
            + "revision_id, created";
    /** The columns of an alias but its key, {@code arn}. */
    static final String ALIAS_DATA = "state_machine_arn, name, description, routing, created, updated";
    static final String ALIAS_COLUMNS = "arn, " + ALIAS_DATA;
    static final String ACTIVITY_COLUMNS = "arn, name, created";

    /** Binds the columns of {@link #STATE_MACHINE_DATA} from {@code first} on; returns the next index. */
    static int bindData(PreparedStatement ps, int first, StateMachineRecord s) throws SQLException {
        int i = first;
        ps.setString(i++, s.name());
        ps.setString(i++, s.type());
        ps.setString(i++, s.definition());
        setText(ps, i++, s.roleArn());
        setText(ps, i++, s.description());
        setText(ps, i++, json(s.loggingConfiguration()));
        setText(ps, i++, json(s.tracingConfiguration()));
        setText(ps, i++, s.revisionId());
        ps.setString(i++, s.created().toString());
        ps.setString(i++, s.updated().toString());
        return i;
    }

    static StateMachineRecord stateMachine(ResultSet rs) throws SQLException {
        return new StateMachineRecord(rs.getString("arn"), rs.getString("name"), rs.getString("type"),
                rs.getString("definition"), rs.getString("role_arn"), rs.getString("description"),
                json(rs.getString("logging_configuration")), json(rs.getString("tracing_configuration")),
                rs.getString("revision_id"), instant(rs.getString("created")), instant(rs.getString("updated")));
    }

    static void bind(PreparedStatement ps, VersionRecord v) throws SQLException {
        ps.setString(1, v.arn());
        ps.setString(2, v.stateMachineArn());
        ps.setInt(3, v.version());
        ps.setString(4, v.definition());
        setText(ps, 5, v.roleArn());
        setText(ps, 6, v.description());
        setText(ps, 7, v.revisionId());
        ps.setString(8, v.created().toString());
    }

    static VersionRecord version(ResultSet rs) throws SQLException {
        return new VersionRecord(rs.getString("arn"), rs.getString("state_machine_arn"), rs.getInt("version"),
                rs.getString("definition"), rs.getString("role_arn"), rs.getString("description"),
                rs.getString("revision_id"), instant(rs.getString("created")));
    }

    /** Binds the columns of {@link #ALIAS_DATA} from {@code first} on; returns the next index. */
    static int bindData(PreparedStatement ps, int first, AliasRecord a) throws SQLException {
        int i = first;
        ps.setString(i++, a.stateMachineArn());
        ps.setString(i++, a.name());
        setText(ps, i++, a.description());
        ps.setString(i++, routing(a.routing()));
        ps.setString(i++, a.created().toString());
        ps.setString(i++, a.updated().toString());
        return i;
    }

    static AliasRecord alias(ResultSet rs) throws SQLException {
        return new AliasRecord(rs.getString("arn"), rs.getString("state_machine_arn"), rs.getString("name"),
                rs.getString("description"), routing(rs.getString("routing")), instant(rs.getString("created")),
                instant(rs.getString("updated")));
    }

    static void bind(PreparedStatement ps, ActivityRecord a) throws SQLException {
        ps.setString(1, a.arn());
        ps.setString(2, a.name());
        ps.setString(3, a.created().toString());
    }

    static ActivityRecord activity(ResultSet rs) throws SQLException {
        return new ActivityRecord(rs.getString("arn"), rs.getString("name"), instant(rs.getString("created")));
    }

    private static String routing(List<AliasRecord.Route> routing) {
        ArrayNode out = Json.array();
        for (AliasRecord.Route r : routing) {
            out.addObject().put("versionArn", r.versionArn()).put("weight", r.weight());
        }
        return Json.write(out);
    }

    private static List<AliasRecord.Route> routing(String text) {
        JsonNode routes = json(text);
        List<AliasRecord.Route> out = new ArrayList<>(routes.size());
        for (JsonNode r : routes) {
            out.add(new AliasRecord.Route(r.get("versionArn").asText(), r.get("weight").asInt()));
        }
        return List.copyOf(out);
    }

    private static String json(JsonNode node) {
        return node == null ? null : Json.write(node);
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("Expected JSON in the registry, but " + e.getOriginalMessage(), e);
        }
    }

    /** ISO-8601 with as many fractional digits as needed, nanoseconds included: {@link Instant#toString}. */
    private static Instant instant(String text) {
        return Instant.parse(text);
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
