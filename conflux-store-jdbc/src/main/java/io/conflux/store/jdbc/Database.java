package io.conflux.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A database Conflux keeps its state in: embedded H2 in a folder (the default, no set-up), or PostgreSQL (several
 * nodes share one). Opening it migrates its schema with Flyway.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects Conflux speaks. */
    public enum Dialect {
        H2,
        POSTGRESQL
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * An embedded H2 database in {@code dir} (created when missing). Commits are written to the file at once
     * ({@code WRITE_DELAY=0}), so a killed process loses nothing it committed.
     */
    public static Database h2(Path dir) {
        // LOCK_TIMEOUT: a version publish waits on its state machine's row lock longer than H2's default 2 s allows.
        String url = "jdbc:h2:" + dir.toAbsolutePath().resolve("conflux")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        return open(url, null, null, 8);
    }

    /** An in-memory H2 database, for tests: gone when closed. */
    public static Database h2InMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null, null, 8);
    }

    /** Opens a JDBC URL ({@code jdbc:h2:…} or {@code jdbc:postgresql://…}). */
    public static Database open(String url, String user, String password, int poolSize) {
        Dialect dialect;
        if (url.startsWith("jdbc:h2:")) {
            dialect = Dialect.H2;
        } else if (url.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("Expected a jdbc:h2: or jdbc:postgresql: URL, but got " + url);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("conflux");
        config.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    // Each module brings its own migrations (V1.. store, V100.. functions, V200.. cluster, V300..
                    // triggers): a database created before a module was added must still take that module's.
                    .outOfOrder(true)
                    .locations("classpath:db/migration/" + (dialect == Dialect.H2 ? "h2" : "postgresql"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
