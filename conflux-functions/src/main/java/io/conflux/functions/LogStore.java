package io.conflux.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Every function's log lines, newest kept: a bounded buffer per function in memory, for queries and for readers
 * that follow (they wait for lines after the last one they saw). With a data folder, each function's lines are also
 * appended to {@code logs/NAME.log} there, as text, so nothing is lost when the buffer wraps or the server stops.
 */
final class LogStore {
    /** What a reader asks for: every filter that is not null must match. */
    record Query(String function, String executionArn, String stateName, String requestId, long after, int limit) {
        boolean matches(LogLine l) {
            return l.seq() > after
                    && (function == null || function.equals(l.function()))
                    && (executionArn == null || executionArn.equals(l.executionArn()))
                    && (stateName == null || stateName.equals(l.stateName()))
                    && (requestId == null || requestId.equals(l.requestId()));
        }
    }

    private final Clock clock;
    private final int perFunction;
    private final Path dir;
    private final Map<String, Deque<LogLine>> byFunction = new ConcurrentHashMap<>();
    /** One open file per function: a line is one write, not an open and a close. */
    private final Map<String, java.nio.channels.FileChannel> files = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long seq;

    /** @param dir where to append the text logs; null keeps them in memory only */
    LogStore(Clock clock, int perFunction, Path dir) {
        this.clock = clock;
        this.perFunction = perFunction;
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    LogLine append(String function, String requestId, String executionArn, String stateName, String sandbox,
            String message) {
        LogLine line;
        lock.lock();
        try {
            line = new LogLine(++seq, clock.instant(), function, requestId, executionArn, stateName, sandbox,
                    message);
            Deque<LogLine> q = byFunction.computeIfAbsent(function, f -> new ArrayDeque<>());
            q.addLast(line);
            if (q.size() > perFunction) {
                q.removeFirst();
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        if (dir != null) {
            write(line);
        }
        return line;
    }

    private void write(LogLine l) {
        String text = l.timestamp() + "\t" + (l.requestId() == null ? "-" : l.requestId()) + "\t" + l.message()
                + "\n";
        try {
            java.nio.channels.FileChannel ch = files.computeIfAbsent(l.function(), f -> {
                try {
                    return java.nio.channels.FileChannel.open(dir.resolve(f + ".log"), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | UncheckedIOException ignored) {
            // the in-memory buffer still has the line
        }
    }

    /**
     * The lines matching a query, oldest first; when there are none and {@code waitMillis} is positive, waits that
     * long for one to be appended (follow mode).
     */
    List<LogLine> read(Query q, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        lock.lock();
        try {
            while (true) {
                List<LogLine> out = collect(q, q::matches);
                if (!out.isEmpty() || waitMillis <= 0) {
                    return out;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return out;
                }
                appended.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<LogLine> collect(Query q, Predicate<LogLine> p) {
        List<LogLine> out = new ArrayList<>();
        if (q.function() != null) {
            Deque<LogLine> lines = byFunction.get(q.function());
            if (lines != null) {
                for (LogLine l : lines) {
                    if (p.test(l)) {
                        out.add(l);
                    }
                }
            }
        } else {
            for (Deque<LogLine> lines : byFunction.values()) {
                for (LogLine l : lines) {
                    if (p.test(l)) {
                        out.add(l);
                    }
                }
            }
            out.sort(java.util.Comparator.comparingLong(LogLine::seq));
        }
        if (out.size() > q.limit()) {
            return new ArrayList<>(out.subList(0, q.limit()));
        }
        return out;
    }

    /** The last sequence number handed out: a follower that wants only new lines starts after it. */
    long last() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    void forget(String function) {
        byFunction.remove(function);
        closeFile(function);
    }

    private void closeFile(String function) {
        java.nio.channels.FileChannel ch = files.remove(function);
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    void close() {
        for (String f : java.util.List.copyOf(files.keySet())) {
            closeFile(f);
        }
    }
}
