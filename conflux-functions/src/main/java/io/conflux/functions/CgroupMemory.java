package io.conflux.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A memory cgroup per runtime, as Lambda has: the kernel holds the runtime (and anything it starts) to the limit and
 * kills it when it goes over. Works with cgroup v2 (a delegated subtree with the memory controller) and v1 (a
 * writable memory hierarchy); {@link #probe} tells whether this process may create them.
 */
final class CgroupMemory implements MemoryGuard {

    /** Where this process may create memory cgroups, and which version they are. */
    record Root(Path dir, boolean v2) {}

    private final Root root;
    private final Path dir;
    private final long limit;

    private CgroupMemory(Root root, Path dir, long limit) {
        this.root = root;
        this.dir = dir;
        this.limit = limit;
    }

    /** Creates the cgroup of one runtime. */
    static CgroupMemory create(Root root, String name, long limitBytes) throws IOException {
        Path dir = root.dir().resolve(name);
        Files.createDirectories(dir);
        try {
            if (root.v2()) {
                Files.writeString(dir.resolve("memory.max"), Long.toString(limitBytes));
                writeQuietly(dir.resolve("memory.swap.max"), "0");
            } else {
                Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
                // Without swap accounting this file is missing; the limit above still holds for RAM.
                writeQuietly(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(limitBytes));
            }
        } catch (IOException e) {
            removeQuietly(dir);
            throw e;
        }
        return new CgroupMemory(root, dir, limitBytes);
    }

    /** Finds a place for runtime cgroups, or empty when this process may not create them. */
    static Optional<Root> probe() {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] p = line.split(":", 3);
            if (p.length == 3 && p[1].isEmpty() && p[0].equals("0")) {
                Path base = Path.of("/sys/fs/cgroup" + p[2]);
                if (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
                        && tryRoot(new Root(base.resolve("conflux-functions"), true))) {
                    return Optional.of(new Root(base.resolve("conflux-functions"), true));
                }
            }
        }
        for (String line : lines) {
            String[] p = line.split(":", 3);
            if (p.length == 3 && List.of(p[1].split(",")).contains("memory")) {
                Path base = Path.of("/sys/fs/cgroup/memory" + p[2]);
                Root r = new Root(base.resolve("conflux-functions"), false);
                if (tryRoot(r)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean tryRoot(Root r) {
        try {
            Files.createDirectories(r.dir());
            if (r.v2()) {
                // Children of our folder may only use the memory controller when it is enabled for them.
                writeQuietly(r.dir().resolve("cgroup.subtree_control"), "+memory");
            }
            CgroupMemory probe = create(r, "probe-" + ProcessHandle.current().pid(), 64L * 1024 * 1024);
            probe.close();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<String> wrap(List<String> command) {
        // Join the cgroup before exec: nothing the runtime allocates escapes the limit, not even at start.
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"",
                dir.toString()));
        out.addAll(command);
        return out;
    }

    @Override
    public void started(Process process) {}

    @Override
    public void resetPeak() {
        if (root.v2()) {
            writeQuietly(dir.resolve("memory.peak"), "0"); // resettable since Linux 6.12; else the peak since start
        } else {
            writeQuietly(dir.resolve("memory.max_usage_in_bytes"), "0");
        }
    }

    @Override
    public long peakBytes() {
        String file = root.v2() ? "memory.peak" : "memory.max_usage_in_bytes";
        try {
            return Long.parseLong(Files.readString(dir.resolve(file)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public boolean killedForMemory() {
        String file = root.v2() ? "memory.events" : "memory.oom_control";
        try {
            for (String line : Files.readAllLines(dir.resolve(file))) {
                if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                    return true;
                }
            }
            if (!root.v2()) {
                // Kernels without oom_kill in oom_control: a hit on the limit that killed the runtime.
                return Long.parseLong(Files.readString(dir.resolve("memory.failcnt")).trim()) > 0
                        && peakBytes() >= limit - 4096 * 16;
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    @Override
    public void close() {
        removeQuietly(dir);
    }

    private static void removeQuietly(Path dir) {
        // A cgroup can be removed once its processes are gone; they are, or are about to be.
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void writeQuietly(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException ignored) {
            // optional setting
        }
    }
}
