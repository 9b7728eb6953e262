package io.conflux.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the commits of many executions in one database transaction. Each execution's worker hands over its writes
 * and waits; one writer thread takes everything waiting, writes it in one transaction and wakes them all. So the
 * cost of a durable commit is shared by all executions that commit at about the same time, and durability does not
 * cap throughput.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_GROUP = 2000;

    /** A unit of work of one execution: all of it or nothing. */
    interface Work {
        void write(Batch batch) throws SQLException;
    }

    private record Pending(Work work, CompletableFuture<Void> done) {}

    private final Database db;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private long groups;
    private long works;
    private long writeNanos;

    GroupCommitter(Database db) {
        this.db = db;
        this.writer = Thread.ofPlatform().daemon().name("conflux-group-commit").start(this::loop);
    }

    /** Writes {@code work} durably; returns when it is committed. */
    void commit(Work work) {
        if (closed) {
            throw new IllegalStateException("Expected an open store, but it is closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(work, done));
        done.join();
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.clear();
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // A dead writer would block every execution forever; fail this group and keep writing.
                LOG.error("Group commit failed", t);
                for (Pending p : group) {
                    p.done().completeExceptionally(t);
                }
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            long t0 = System.nanoTime();
            writeTogether(group);
            writeNanos += System.nanoTime() - t0;
            groups++;
            works += group.size();
            for (Pending p : group) {
                p.done().complete(null);
            }
        } catch (SQLException e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            // One bad unit must not fail the others: write them one by one.
            for (Pending p : group) {
                try {
                    writeTogether(List.of(p));
                    p.done().complete(null);
                } catch (SQLException single) {
                    p.done().completeExceptionally(single);
                }
            }
        }
    }

    /** The writer's own connection, kept between groups (replaced after a failure). */
    private Connection connection;

    private void writeTogether(List<Pending> group) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = db.connection();
            connection.setAutoCommit(false);
        }
        Connection c = connection;
        try (Batch batch = new Batch(c)) {
            for (Pending p : group) {
                p.work().write(batch);
            }
            batch.flush();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } finally {
                c.close(); // a connection that failed is not trusted again
                connection = null;
            }
            throw e;
        }
    }

    /** Average units per transaction so far, for diagnostics. */
    double averageGroupSize() {
        return groups == 0 ? 0 : (double) works / groups;
    }

    /** Units written so far, for diagnostics. */
    long works() {
        return works;
    }

    /** Average time one group's transaction took, in milliseconds, for diagnostics. */
    double averageWriteMillis() {
        return groups == 0 ? 0 : writeNanos / 1e6 / groups;
    }

    /** Stops after writing what is queued. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Closing the writer's connection failed", e);
            }
        }
    }
}
