package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.server.ServerContext;
import io.conflux.server.ServerExtension;
import io.conflux.server.project.ProjectException;
import io.conflux.server.project.ProjectSection;
import io.conflux.store.jdbc.Database;
import io.conflux.triggers.spi.TriggerKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions that start by themselves: schedules (EventBridge Scheduler's {@code rate}, {@code cron} and {@code at}
 * expressions) and triggers (HTTP requests, S3 event notifications, files in a folder, RabbitMQ messages, the end of
 * another execution). Both are declared in conflux.yaml ({@code schedules}, {@code triggers}) or through the REST API
 * under {@code /conflux/v1}; every fire and every event is recorded with what it started, or why it did not.
 *
 * <p>State lives in the server's database (so schedules fire once among several nodes on one PostgreSQL, and survive
 * restarts); a server that keeps everything in memory gets a private in-memory database instead.
 *
 * <p>Life cycle: {@link #configure} adds the routes and the listener for execution events; {@link #started} opens the
 * triggers' sources and starts the loop that fires schedules ({@link #tick}); {@link #close} stops the loop, then the
 * sources (a queue's message in hand is finished or left unacked), so that nothing starts executions once the engine
 * closes.
 */
public final class TriggersExtension implements ServerExtension {
    private static final Logger LOG = LoggerFactory.getLogger(TriggersExtension.class);
    static final String SCHEDULES = "schedules";
    static final String TRIGGERS = "triggers";

    private final Clock clockOverride;
    private final Duration pollInterval;
    private final List<TriggerKind> extraKinds;
    private Database database;
    private boolean ownDatabase;
    private ExecutionKind executionKind;
    private Scheduler scheduler;
    private Schedules schedules;
    private Triggers triggers;
    private Dispatcher dispatcher;
    private Thread loop;
    private volatile boolean closing;

    private TriggersExtension(Builder b) {
        this.clockOverride = b.clock;
        this.pollInterval = b.pollInterval;
        this.extraKinds = List.copyOf(b.kinds);
    }

    /** With the defaults: the server's clock, a tick every second. */
    public TriggersExtension() {
        this(new Builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "triggers";
    }

    @Override
    public void configure(Setup setup) {
        Clock clock = clockOverride != null ? clockOverride : setup.config().clock();
        if (setup.database().isPresent()) {
            database = setup.database().get();
        } else {
            database = Database.h2InMemory("conflux-triggers-" + UUID.randomUUID());
            ownDatabase = true;
        }
        TriggerStore store = new TriggerStore(database);
        executionKind = new ExecutionKind(setup.config().region(), setup.config().accountId());
        Map<String, TriggerKind> kinds = new LinkedHashMap<>();
        for (TriggerKind k : List.of(new PushKinds.Http(), new PushKinds.S3(), new FolderKind(setup.config().region()),
                new AmqpKind(), executionKind)) {
            kinds.put(k.type(), k);
        }
        for (TriggerKind k : extraKinds) {
            if (kinds.putIfAbsent(k.type(), k) != null) {
                throw new IllegalStateException("Expected one trigger kind per type, but two claim " + k.type());
            }
        }
        String region = setup.config().region();
        String account = setup.config().accountId();
        scheduler = new Scheduler(store, clock, setup.config().nodeId(), setup.config().lease(), region, account);
        schedules = new Schedules(store, scheduler, clock);
        dispatcher = new Dispatcher(store, clock);
        triggers = new Triggers(store, dispatcher, kinds, clock, region, account);
        RestApi api = new RestApi(schedules, triggers);
        TriggerRoute route = new TriggerRoute(triggers);
        setup.routes(r -> {
            api.register(r);
            r.post(TriggerRoute.PATH, route::handle);
        });
        setup.listener(executionKind);
    }

    @Override
    public void started(ServerContext context) {
        scheduler.bind(context);
        dispatcher.bind(context);
        triggers.bind(context);
        triggers.reconcile();
        if (!pollInterval.isZero()) {
            loop = Thread.ofPlatform().daemon().name("conflux-scheduler").start(this::run);
        }
    }

    /** The background loop: a tick every poll interval; it logs what fails and goes on. */
    private void run() {
        while (!closing) {
            try {
                tick();
            } catch (Throwable t) {
                LOG.error("A scheduler tick failed; the next one tries again", t);
            }
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    /**
     * Fires the schedules that are due (and runs claimed but not started), and brings the triggers' sources in line
     * with their definitions. The background loop calls it; with a zero poll interval only the caller does, so tests
     * move a manual clock and tick by hand.
     *
     * @return how many executions schedules started
     */
    public int tick() {
        int n = scheduler.tick();
        triggers.reconcile();
        return n;
    }

    @Override
    public Set<String> projectSections() {
        return Set.of(SCHEDULES, TRIGGERS);
    }

    @Override
    public List<String> apply(ProjectSection section, ServerContext context) {
        JsonNode value = section.value();
        if (!value.isObject()) {
            throw new ProjectException(section.pointer() + ": expected a mapping of names to definitions, but found "
                    + value.getNodeType());
        }
        boolean isSchedules = section.name().equals(SCHEDULES);
        String what = isSchedules ? "schedule " : "trigger ";
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            try {
                String result = isSchedules ? schedules.put(e.getKey(), e.getValue(), false)
                        : triggers.put(e.getKey(), e.getValue(), false);
                done.add(what + e.getKey() + ": " + result);
            } catch (DefinitionException d) {
                d.problems().forEach(p -> problems.add(section.pointer(e.getKey()) + "/" + p));
            } catch (Triggers.ConflictException c) {
                problems.add(section.pointer(e.getKey()) + ": " + c.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(problems);
        }
        return done;
    }

    @Override
    public void close() {
        closing = true;
        if (loop != null) {
            LockSupport.unpark(loop);
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (triggers != null) {
            triggers.close();
        }
        if (executionKind != null) {
            executionKind.close();
        }
        if (ownDatabase) {
            database.close();
        }
    }

    /** Options; the defaults suit a server. */
    public static final class Builder {
        private Clock clock;
        private Duration pollInterval = Duration.ofSeconds(1);
        private final List<TriggerKind> kinds = new ArrayList<>();

        /** The clock schedules run on (default: the server's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often due schedules are looked for; zero: never by itself (tests call {@link #tick}). */
        public Builder pollInterval(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("Expected a poll interval of zero or more, but got " + d);
            }
            this.pollInterval = d;
            return this;
        }

        /** A kind of trigger besides the built-in ones (Kafka, NATS …). */
        public Builder kind(TriggerKind kind) {
            kinds.add(Objects.requireNonNull(kind, "kind"));
            return this;
        }

        public TriggersExtension build() {
            return new TriggersExtension(this);
        }
    }
}
