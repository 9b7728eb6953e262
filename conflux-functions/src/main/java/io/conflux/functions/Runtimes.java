package io.conflux.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runtimes Conflux ships, unpacked once into a folder: the Python and Node.js bootstraps (small programs that
 * speak the Runtime API and call the handler) and AWS's runtime interface client for Java. Builds the command line of
 * a runtime process for a function.
 */
final class Runtimes {
    static final String JAVA_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String RESOURCES = "/io/conflux/functions/runtimes/";
    private static final List<String> JAVA_JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar", "annotations.jar");

    private final Path dir;
    private final FunctionsConfig config;

    Runtimes(Path dir, FunctionsConfig config) {
        this.dir = dir;
        this.config = config;
        try {
            Files.createDirectories(dir);
            copy("python/bootstrap.py");
            copy("node/bootstrap.js");
            for (String jar : JAVA_JARS) {
                copy("java/" + jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Expected to unpack the runtimes into " + dir + ", but: " + e.getMessage(),
                    e);
        }
    }

    private void copy(String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = Runtimes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the resource " + RESOURCES + name + " is missing from the build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Where the runtimes live (a runtime process's {@code LAMBDA_RUNTIME_DIR}). */
    Path dir() {
        return dir;
    }

    /** The command that starts a runtime for {@code spec} with its code in {@code code}. */
    List<String> command(FunctionSpec spec, Path code) {
        List<String> cmd = new ArrayList<>();
        switch (spec.family()) {
            case PYTHON -> {
                cmd.add(config.python());
                cmd.add("-u");
                cmd.add(dir.resolve("python/bootstrap.py").toString());
            }
            case NODE -> {
                cmd.add(config.node());
                cmd.add(dir.resolve("node/bootstrap.js").toString());
            }
            case JAVA -> {
                // Lambda gives the heap 85% of the function's memory and tunes the JVM to start fast.
                long heapMb = Math.max(16, spec.memoryMb() * 85L / 100);
                cmd.add(config.java());
                cmd.add("-Xmx" + heapMb + "m");
                cmd.add("-XX:+UseSerialGC");
                cmd.add("-XX:TieredStopAtLevel=1");
                cmd.add("-Xshare:auto");
                cmd.add("-Djava.net.preferIPv4Stack=true");
                cmd.add("-cp");
                cmd.add(javaClasspath(code));
                cmd.add(JAVA_MAIN);
                cmd.add(spec.handler());
            }
            case PROVIDED -> {
                Path bootstrap = code.resolve("bootstrap");
                cmd.add(bootstrap.toString());
            }
        }
        return cmd;
    }

    /** The function's classes and jars (a Lambda package: classes at the top, jars in lib/), then the client's. */
    private String javaClasspath(Path code) {
        String sep = System.getProperty("path.separator");
        List<String> parts = new ArrayList<>();
        parts.add(code.toString());
        parts.add(code.resolve("lib").toString() + "/*");
        for (String jar : JAVA_JARS) {
            parts.add(dir.resolve("java/" + jar).toString());
        }
        return String.join(sep, parts);
    }

    /** {@code AWS_EXECUTION_ENV} as Lambda sets it, e.g. {@code AWS_Lambda_python3.12}. */
    static String executionEnv(String runtime) {
        return "AWS_Lambda_" + runtime.toLowerCase(Locale.ROOT);
    }
}
