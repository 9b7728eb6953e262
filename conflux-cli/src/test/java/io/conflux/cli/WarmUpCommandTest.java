package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code conflux warm-up}, the launcher's start-up cache workload: it must run end to end and clean up after itself. */
class WarmUpCommandTest {

    @Test
    void runs_a_workflow_in_process_and_through_a_server_then_leaves_nothing_behind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = warmUpFolders(tmp);

        assertThat(Main.execute("warm-up")).isZero();

        assertThat(warmUpFolders(tmp)).isEqualTo(before);
    }

    @Test
    void is_not_offered_to_users() {
        java.io.StringWriter help = new java.io.StringWriter();
        new picocli.CommandLine(new Main()).usage(new java.io.PrintWriter(help));
        assertThat(help.toString()).contains("server").doesNotContain("warm-up");
    }

    private static long warmUpFolders(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("conflux-warm-up")).count();
        }
    }
}
