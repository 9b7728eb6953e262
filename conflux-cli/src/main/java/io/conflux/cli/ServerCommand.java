package io.conflux.cli;

import io.conflux.server.ConfluxServer;
import io.conflux.store.jdbc.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.conflux.server.ServerConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code conflux server}: the AWS Step Functions API on a local port, until Ctrl-C. Prints one line when it serves,
 * with the address and how to point the AWS CLI at it.
 */
@Command(name = "server", description = "Serves the AWS Step Functions API (AWS SDKs and the AWS CLI work against it "
        + "with an endpoint override) until interrupted.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8083", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "Region of the ARNs the server creates (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account", defaultValue = "123456789012",
            description = "Account id of the ARNs the server creates (default: ${DEFAULT-VALUE}).")
    String account;

    @Option(names = "--data", defaultValue = ".conflux", paramLabel = "DIR",
            description = "Folder of the embedded database (default: ${DEFAULT-VALUE}); executions survive restarts.")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "A PostgreSQL database instead, e.g. jdbc:postgresql://127.0.0.1:5432/conflux; servers "
                    + "sharing one share the work.")
    String db;

    @Option(names = "--db-user", defaultValue = "${env:CONFLUX_DB_USER:-postgres}",
            description = "Database user (default: $CONFLUX_DB_USER, else postgres).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:CONFLUX_DB_PASSWORD}",
            description = "Database password (default: $CONFLUX_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--memory", description = "Keep everything in memory: nothing survives the process.")
    boolean memory;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This server's name among servers sharing a database (default: the host name).")
    String nodeId;

    @Option(names = "--project", paramLabel = "FILE|DIR",
            description = "Deploy this project (conflux.yaml) when the server starts.")
    Path project;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** When set (tests, {@code warm-up}): called with the running server, which then stops, instead of Ctrl-C. */
    java.util.function.Consumer<ConfluxServer> whenServing;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (memory && db != null) {
            err.println("conflux server: --memory and --db exclude each other");
            err.flush();
            return Main.INVALID;
        }
        Database database = null;
        String storeText = "in memory";
        if (!memory) {
            try {
                if (db != null) {
                    database = Database.open(db, dbUser, dbPassword, 16);
                    storeText = "on " + db;
                } else {
                    Files.createDirectories(data);
                    database = Database.h2(data);
                    storeText = "in " + data.toAbsolutePath().normalize();
                }
            } catch (IOException | RuntimeException e) {
                err.println("conflux server: could not open the database " + (db != null ? db : "in " + data) + ": "
                        + rootMessage(e));
                err.flush();
                return Main.FAILED;
            }
        }
        ServerConfig config;
        try {
            ServerConfig.Builder b = ServerConfig.builder().host(host).port(port).region(region).accountId(account)
                    .nodeId(nodeId != null ? nodeId : defaultNodeId());
            b.extension(new io.conflux.triggers.TriggersExtension());
            b.extension(new io.conflux.functions.FunctionsExtension(io.conflux.functions.FunctionsConfig.builder()
                    .dataDir(memory ? null : data.resolve("functions")).build()));
            if (database != null) {
                b.database(database);
            }
            io.conflux.cluster.ClusterExtension.Builder cluster = io.conflux.cluster.ClusterExtension.builder();
            if (!memory && db == null) {
                cluster.logDir(data.resolve("cluster-logs"));
            }
            b.extension(cluster.build());
            config = b.build();
        } catch (IllegalArgumentException e) {
            err.println("conflux server: " + e.getMessage());
            err.flush();
            closeQuietly(database);
            return Main.INVALID;
        }
        ConfluxServer server;
        try {
            server = ConfluxServer.start(config);
        } catch (RuntimeException e) {
            err.println("conflux server: could not start on " + host + ":" + port + ": " + rootMessage(e));
            err.flush();
            closeQuietly(database);
            return Main.FAILED;
        }
        Database opened = database;
        if (project != null) {
            try {
                for (String line : server.deploy(io.conflux.server.project.Project.read(
                        io.conflux.server.project.Project.locate(project), server.projectSections()))) {
                    err.println("conflux server: " + line);
                }
            } catch (io.conflux.server.project.ProjectException e) {
                e.problems().forEach(p -> err.println("conflux server: " + p));
                err.flush();
                server.close();
                closeQuietly(opened);
                return Main.INVALID;
            }
            err.flush();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: stop accepting, answer the requests in flight, close the engine (ConfluxServer.close's order).
        Thread hook = new Thread(() -> {
            server.close();
            closeQuietly(opened);
            stopped.countDown();
        }, "conflux-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("conflux server on " + server.endpoint() + " (region " + region + ", executions " + storeText
                + (server.resumed() > 0 ? ", " + server.resumed() + " resumed" : "") + "): aws stepfunctions "
                + "--endpoint-url " + server.endpoint() + " list-state-machines");
        out.flush();
        if (whenServing != null) {
            try {
                whenServing.accept(server);
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
                server.close();
                closeQuietly(opened);
            }
            return Main.OK;
        }
        stopped.await();
        return Main.OK;
    }

    private static String defaultNodeId() {
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName();
            return host.replaceAll("[^A-Za-z0-9._:-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "local";
        }
    }

    private static void closeQuietly(Database db) {
        if (db != null) {
            db.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
