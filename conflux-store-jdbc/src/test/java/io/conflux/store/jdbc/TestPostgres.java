package io.conflux.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway database on the PostgreSQL server at {@code CONFLUX_TEST_PG} (default 127.0.0.1:5432, user postgres,
 * trust authentication, as on the development machines and in CI).
 */
public final class TestPostgres {
    static final String HOST = System.getenv().getOrDefault("CONFLUX_TEST_PG", "127.0.0.1:5432");
    static final String USER = System.getenv().getOrDefault("CONFLUX_TEST_PG_USER", "postgres");

    private final String name;

    private TestPostgres(String name) {
        this.name = name;
    }

    public static TestPostgres newDatabase() {
        String name = newName();
        admin("CREATE DATABASE " + name);
        return new TestPostgres(name);
    }

    /**
     * A throwaway database whose default collation is linguistic (ICU, en-US: {@code 'a-b'} sorts after {@code 'ab'}),
     * so that tests see whether the schema orders ARNs bytewise on its own. On a server without ICU (before
     * PostgreSQL 15, or built without it), a database with the server's default collation instead.
     */
    public static TestPostgres newLinguisticDatabase() {
        String name = newName();
        try {
            admin("CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
                    + " LOCALE 'C.UTF-8'");
        } catch (IllegalStateException noIcu) {
            admin("CREATE DATABASE " + name);
        }
        return new TestPostgres(name);
    }

    private static String newName() {
        return "conflux_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public String url() {
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    public Database open() {
        return Database.open(url(), USER, null, 8);
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Expected PostgreSQL at " + HOST + " (user " + USER + ", trust), but: "
                    + e.getMessage() + ". Start it (see .ci/run) or set CONFLUX_TEST_PG.", e);
        }
    }
}
