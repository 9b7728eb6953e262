package io.conflux.functions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A runtime's stdout and stderr, written by the runtime to a file of its own and read from here as lines.
 *
 * <p>Why a file and not a pipe: an invocation must end only after everything its handler printed has been read, so
 * that each line lands in the right invocation's log. With a file this is exact: whatever the runtime wrote before
 * it posted its response is in the file by then, and {@link #drain} reads up to the file's end. (A pipe cannot be
 * asked what is pending while a reader is blocked on it.) Between invocations the file is read every few tens of
 * milliseconds, so {@code conflux logs --follow} shows a long invocation's lines as they come.
 */
final class OutputFile implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    private long offset;
    private boolean closed;

    OutputFile(Path file, Consumer<String> sink) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.sink = sink;
    }

    Path file() {
        return file;
    }

    /** Hands over every complete line written so far. */
    synchronized void read() {
        if (closed) {
            return;
        }
        try {
            while (true) {
                buf.clear();
                int n = channel.read(buf, offset);
                if (n <= 0) {
                    return;
                }
                offset += n;
                byte[] a = buf.array();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n') {
                        partial.write(a, start, i - start);
                        emit();
                        start = i + 1;
                    }
                }
                partial.write(a, start, n - start);
            }
        } catch (IOException ignored) {
            // the file is gone: the sandbox is being cleaned up
        }
    }

    /** Hands over everything written so far, a last line without its newline too. */
    synchronized void drain() {
        read();
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        sink.accept(line);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        drain();
        closed = true;
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file in the functions folder is harmless
        }
    }
}
