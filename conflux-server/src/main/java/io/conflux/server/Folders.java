package io.conflux.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working folders of the server and its tools (unpacked projects and code, throw-away databases). */
public final class Folders {
    private Folders() {}

    /**
     * Deletes {@code dir} and everything in it, as far as it can: what cannot be deleted is left behind, which for
     * the temporary and replaced folders this serves is harmless. Nothing happens when {@code dir} is null or gone.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // gone already, or unreadable: left behind
        }
    }
}
