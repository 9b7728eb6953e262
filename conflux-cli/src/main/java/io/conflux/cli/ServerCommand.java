package io.conflux.cli;

import io.conflux.server.ConfluxServer;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by tests: called with the running server instead of waiting for Ctrl-C. */
    static java.util.function.Consumer<ConfluxServer> onStarted;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = ServerConfig.builder().host(host).port(port).region(region).accountId(account).build();
        } catch (IllegalArgumentException e) {
            err.println("conflux server: " + e.getMessage());
            err.flush();
            return Main.INVALID;
        }
        ConfluxServer server;
        try {
            server = ConfluxServer.start(config);
        } catch (RuntimeException e) {
            err.println("conflux server: could not listen on " + host + ":" + port + ": " + rootMessage(e));
            err.flush();
            return Main.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: stop accepting, answer the requests in flight, close the engine (ConfluxServer.close's order).
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "conflux-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("conflux server on " + server.endpoint() + " (region " + region + "): aws stepfunctions "
                + "--endpoint-url " + server.endpoint() + " list-state-machines");
        out.flush();
        if (onStarted != null) {
            onStarted.accept(server);
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            return Main.OK;
        }
        stopped.await();
        return Main.OK;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
