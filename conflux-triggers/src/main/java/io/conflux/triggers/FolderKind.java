package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.triggers.spi.Delivery;
import io.conflux.triggers.spi.SourceContext;
import io.conflux.triggers.spi.SourceEvent;
import io.conflux.triggers.spi.TriggerKind;
import io.conflux.triggers.spi.TriggerSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: folder}: files created in a folder, or moved into it, each as an event shaped like an S3 event record
 * (bucket: the folder's name, or {@code bucket}; key: the path below the folder; size; eTag: the MD5 of the content;
 * eventTime: when it was last modified), plus {@code file.path}. Settings: {@code path} (relative to the server's
 * working folder), {@code recursive}, {@code pollMillis}, {@code bucket}, {@code existingFiles}: IGNORE (the files
 * there when the trigger first starts are not events) or PROCESS.
 *
 * <p>The folder is scanned every {@code pollMillis}; a file is an event once its size and modification time held
 * still for one scan (it is no longer being written). Hidden files and {@code .tmp}/{@code .part} files are skipped.
 * An event's key is the file's path, modification time and size: a node that restarts, or several nodes watching one
 * shared folder, start one execution per file version.
 */
final class FolderKind implements TriggerKind {
    private static final Logger LOG = LoggerFactory.getLogger(FolderKind.class);
    /** Start attempts per file version before it is left as failed (its record says why). */
    private static final int MAX_ATTEMPTS = 3;

    private final String region;

    FolderKind(String region) {
        this.region = region;
    }

    @Override
    public String type() {
        return "folder";
    }

    @Override
    public Set<String> fields() {
        return Set.of("path", "recursive", "pollMillis", "bucket", "existingFiles");
    }

    @Override
    public List<String> validate(JsonNode s) {
        Fields f = new Fields(s);
        f.required("path");
        f.bool("recursive", false);
        f.integer("pollMillis", 1000, 10, 3_600_000);
        f.text("bucket", null);
        f.oneOf("existingFiles", "IGNORE", List.of("IGNORE", "PROCESS"));
        return f.problems();
    }

    @Override
    public TriggerSource open(SourceContext context) throws IOException {
        JsonNode s = context.settings();
        Path dir = Path.of(s.path("path").asText()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a folder to watch");
        }
        Watcher w = new Watcher(context, dir, s.path("recursive").asBoolean(false), s.path("pollMillis").asInt(1000),
                s.path("bucket").asText(dir.getFileName() == null ? "root" : dir.getFileName().toString()),
                s.path("existingFiles").asText("IGNORE").toUpperCase(Locale.ROOT).equals("PROCESS"));
        w.start();
        return w;
    }

    /** One file as a scan saw it. */
    private record Seen(long size, long modified) {}

    private final class Watcher implements TriggerSource, Runnable {
        private final SourceContext ctx;
        private final Path dir;
        private final boolean recursive;
        private final int pollMillis;
        private final String bucket;
        private final boolean processExisting;
        /** Files whose version was delivered (or ignored); by relative path. */
        private final Map<String, Seen> done = new HashMap<>();
        /** Files seen at the last scan, not delivered yet: a file is delivered once it held still for a scan. */
        private final Map<String, Seen> pending = new HashMap<>();
        private final Thread thread;
        private volatile boolean closing;

        Watcher(SourceContext ctx, Path dir, boolean recursive, int pollMillis, String bucket,
                boolean processExisting) {
            this.ctx = ctx;
            this.dir = dir;
            this.recursive = recursive;
            this.pollMillis = pollMillis;
            this.bucket = bucket;
            this.processExisting = processExisting;
            this.thread = Thread.ofPlatform().daemon().name("conflux-folder-" + ctx.triggerName()).unstarted(this);
        }

        void start() throws IOException {
            JsonNode state = ctx.state();
            if (state == null) {
                // The first start of this trigger: the files already there are no events (unless asked).
                ObjectNode s = Json.object();
                ArrayNode ignored = s.putArray("ignored");
                if (!processExisting) {
                    for (Map.Entry<String, Seen> e : scan().entrySet()) {
                        ignored.add(key(e.getKey(), e.getValue()));
                        done.put(e.getKey(), e.getValue());
                    }
                }
                ctx.saveState(s);
            } else {
                Set<String> ignored = new HashSet<>();
                state.path("ignored").forEach(k -> ignored.add(k.asText()));
                for (Map.Entry<String, Seen> e : scan().entrySet()) {
                    if (ignored.contains(key(e.getKey(), e.getValue()))) {
                        done.put(e.getKey(), e.getValue());
                    }
                }
            }
            thread.start();
        }

        @Override
        public void run() {
            while (!closing) {
                try {
                    poll();
                } catch (Throwable t) {
                    // The loop must not die: a folder that went away, a database that hiccupped.
                    LOG.warn("Folder trigger {} failed to scan {}", ctx.triggerName(), dir, t);
                }
                // parked, not slept: close() wakes it without interrupting a delivery in progress (JDBC, say)
                java.util.concurrent.locks.LockSupport.parkNanos(pollMillis * 1_000_000L);
            }
        }

        private void poll() throws IOException {
            Map<String, Seen> now = scan();
            done.keySet().retainAll(now.keySet());
            pending.keySet().retainAll(now.keySet());
            for (Map.Entry<String, Seen> e : now.entrySet()) {
                if (closing) {
                    return;
                }
                String rel = e.getKey();
                Seen seen = e.getValue();
                if (seen.equals(done.get(rel))) {
                    continue;
                }
                if (!seen.equals(pending.put(rel, seen))) {
                    continue; // new or still changing: wait until it holds still for one scan
                }
                Delivery d = ctx.deliver(new SourceEvent(key(rel, seen), event(rel, seen), false));
                if (!(d instanceof Delivery.Failed f) || f.attempts() >= MAX_ATTEMPTS) {
                    done.put(rel, seen);
                    pending.remove(rel);
                }
            }
        }

        private Map<String, Seen> scan() throws IOException {
            Map<String, Seen> out = new HashMap<>();
            try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part")) {
                        continue;
                    }
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class);
                    } catch (NoSuchFileException gone) {
                        continue;
                    }
                    if (a.isRegularFile()) {
                        out.put(dir.relativize(p).toString().replace('\\', '/'),
                                new Seen(a.size(), a.lastModifiedTime().toMillis()));
                    }
                }
            }
            return out;
        }

        private String key(String rel, Seen s) {
            return rel + "@" + s.modified() + ":" + s.size();
        }

        private JsonNode event(String rel, Seen s) throws IOException {
            ObjectNode e = Json.object();
            e.put("eventVersion", "2.1");
            e.put("eventSource", "conflux:folder");
            e.put("awsRegion", region);
            e.put("eventTime", Instant.ofEpochMilli(s.modified()).toString());
            e.put("eventName", "ObjectCreated:Put");
            ObjectNode s3 = e.putObject("s3");
            s3.put("s3SchemaVersion", "1.0");
            s3.put("configurationId", ctx.triggerName());
            s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
            s3.putObject("object").put("key", rel).put("size", s.size()).put("eTag", md5(dir.resolve(rel)))
                    .put("sequencer", String.format("%016X", s.modified()));
            e.putObject("file").put("path", dir.resolve(rel).toString());
            return e;
        }

        @Override
        public void close() {
            closing = true;
            java.util.concurrent.locks.LockSupport.unpark(thread);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
