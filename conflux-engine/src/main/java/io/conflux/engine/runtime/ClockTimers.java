package io.conflux.engine.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers in memory, ordered by due time. With {@code background} a thread sleeps until the next one is due (or a
 * sooner one is scheduled); without it, nothing fires until {@link #fireDue} is called, which is how tests drive time
 * with a {@link ManualClock}.
 */
public final class ClockTimers implements Timers {
    private static final Logger LOG = LoggerFactory.getLogger(ClockTimers.class);

    private record Entry(Instant due, String executionArn, String timerId, long seq) {}

    private final Clock clock;
    private final boolean background;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due().compareTo(b.due());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    });
    /** The live entry of each (execution, timer); cancelled entries stay in the queue and are skipped. */
    private final Map<String, Entry> live = new ConcurrentHashMap<>();
    private long seq;
    private volatile Sink sink;
    private volatile boolean closed;
    private Thread thread;

    public ClockTimers(Clock clock, boolean background) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = background;
    }

    @Override
    public void start(Sink s) {
        this.sink = s;
        if (background) {
            thread = Thread.ofPlatform().daemon().name("conflux-timers").start(this::loop);
        }
    }

    private static String key(String arn, String id) {
        return arn + '\u0000' + id;
    }

    @Override
    public void schedule(String executionArn, String timerId, Instant due) {
        lock.lock();
        try {
            Entry e = new Entry(due, executionArn, timerId, seq++);
            live.put(key(executionArn, timerId), e);
            queue.add(e);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel(String executionArn, String timerId) {
        live.remove(key(executionArn, timerId));
    }

    @Override
    public int fireDue() {
        int fired = 0;
        Entry e;
        while ((e = pollDue(clock.instant())) != null) {
            sink.fire(e.executionArn(), e.timerId());
            fired++;
        }
        return fired;
    }

    /** The next due timer that is still live, removed from the queue; null when none is due. */
    private Entry pollDue(Instant now) {
        lock.lock();
        try {
            while (!queue.isEmpty()) {
                Entry head = queue.peek();
                if (live.get(key(head.executionArn(), head.timerId())) != head) {
                    queue.poll(); // cancelled or rescheduled
                    continue;
                }
                if (head.due().isAfter(now)) {
                    return null;
                }
                queue.poll();
                live.remove(key(head.executionArn(), head.timerId()), head);
                return head;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The instant of the next live timer, or null. */
    public Instant nextDue() {
        lock.lock();
        try {
            for (Entry head; (head = queue.peek()) != null; ) {
                if (live.get(key(head.executionArn(), head.timerId())) == head) {
                    return head.due();
                }
                queue.poll();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                fireDue();
                lock.lock();
                try {
                    Instant next = nextDue();
                    if (closed) {
                        break;
                    }
                    if (next == null) {
                        changed.await();
                    } else {
                        long waitMillis = Duration.between(clock.instant(), next).toMillis();
                        if (waitMillis > 0) {
                            changed.await(Math.min(waitMillis, 1000), TimeUnit.MILLISECONDS);
                        }
                    }
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // A timer loop that dies silently loses every wait and retry; log and go on.
                LOG.error("Timer loop failed; continuing", t);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
