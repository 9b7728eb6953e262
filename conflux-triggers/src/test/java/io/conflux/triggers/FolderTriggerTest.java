package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.InMemoryRegistry;
import io.conflux.store.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watched folders, with real files in a real folder. */
class FolderTriggerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static String definition(Path folder) {
        return "{\"type\": \"folder\", \"stateMachine\": \"work\", \"pollMillis\": 20, \"bucket\": \"inbox\", "
                + "\"path\": " + Json.NODES.textNode(folder.toString()) + "}";
    }

    @Test
    void files_created_or_moved_in_start_one_execution_each_shaped_like_s3_records() throws Exception {
        Path inbox = Files.createDirectory(tmp.resolve("inbox"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(inbox.resolve("before.csv"), "there before the trigger");
        try (TestNode node = TestNode.manual(b -> {})) {
            String machine = node.createStateMachine("work");
            node.putTrigger("inbox", definition(inbox));
            Files.writeString(inbox.resolve("a.csv"), "hello");
            Files.writeString(outside.resolve("b.csv"), "moved");
            Files.move(outside.resolve("b.csv"), inbox.resolve("b.csv"), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(inbox.resolve(".hidden"), "skipped");
            Files.writeString(inbox.resolve("c.part"), "skipped while uploading");
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 2);
            Thread.sleep(200); // a few more scans: nothing else starts
            List<JsonNode> executions = node.executions(machine);
            assertThat(executions).hasSize(2);
            JsonNode a = node.events("inbox").stream()
                    .map(e -> Jsons.parse(e.path("event").asText()))
                    .filter(e -> e.path("s3").path("object").path("key").asText().equals("a.csv"))
                    .findFirst().orElseThrow();
            assertThat(a.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(a.path("s3").path("bucket").path("name").asText()).isEqualTo("inbox");
            assertThat(a.path("s3").path("object").path("size").asInt()).isEqualTo(5);
            assertThat(a.path("s3").path("object").path("eTag").asText())
                    .isEqualTo("5d41402abc4b2a76b9719d911017c592"); // MD5 of "hello"
            assertThat(a.path("file").path("path").asText()).isEqualTo(inbox.resolve("a.csv").toString());
            // a new version of a file is a new event
            Files.writeString(inbox.resolve("a.csv"), "hello again");
            Files.setLastModifiedTime(inbox.resolve("a.csv"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 3);
        }
    }

    @Test
    void files_seen_before_a_restart_start_nothing_again_and_files_that_came_meanwhile_do() throws Exception {
        Path inbox = Files.createDirectory(tmp.resolve("inbox"));
        Path data = Files.createDirectory(tmp.resolve("data"));
        InMemoryRegistry registry = new InMemoryRegistry();
        String machine;
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            machine = node.createStateMachine("work");
            node.putTrigger("inbox", definition(inbox));
            Files.writeString(inbox.resolve("one.json"), "{}");
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 1);
        }
        Files.writeString(inbox.resolve("two.json"), "{}");
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 2);
            Thread.sleep(200);
            assertThat(node.executions(machine)).hasSize(2);
            assertThat(node.events("inbox")).extracting(e -> e.path("status").asText())
                    .containsExactly("STARTED", "STARTED");
        }
    }
}
