package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.interpreter.Transition;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.triggers.spi.SourceContext;
import io.conflux.triggers.spi.SourceEvent;
import io.conflux.triggers.spi.TriggerKind;
import io.conflux.triggers.spi.TriggerSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: execution}: when an execution of the state machine {@code source} (a name or an ARN) ends with one of
 * {@code statuses} (default: every end), start the trigger's state machine. Chaining without a parent workflow.
 *
 * <p>The event is the one AWS sends to EventBridge, "Step Functions Execution Status Change": {@code source:
 * aws.states}, {@code detail} with the execution's ARN, name, status, dates, input and output (as JSON text), error and
 * cause. Its key is the execution's ARN, so one end starts one execution. Listens to the engine of the node that runs
 * the execution; an end that happens while the node is down (or in the moment it stops) is not seen.
 */
final class ExecutionKind implements TriggerKind, EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionKind.class);
    private static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    private record Watch(String source, Set<String> statuses, SourceContext context) {
        boolean matches(ExecutionState s) {
            String arn = s.info().stateMachineArn();
            boolean machine = source.startsWith("arn:") ? Targets.unqualified(source).equals(arn)
                    : source.equals(s.info().stateMachineName());
            return machine && statuses.contains(s.status().name());
        }
    }

    private final Map<SourceContext, Watch> watches = new ConcurrentHashMap<>();
    /** Deliveries run off the execution's thread: a listener must be quick. */
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String region;
    private final String account;

    ExecutionKind(String region, String account) {
        this.region = region;
        this.account = account;
    }

    @Override
    public String type() {
        return "execution";
    }

    @Override
    public Set<String> fields() {
        return Set.of("source", "statuses");
    }

    @Override
    public List<String> validate(JsonNode s) {
        Fields f = new Fields(s);
        f.required("source");
        for (String st : f.strings("statuses")) {
            if (!STATUSES.contains(st)) {
                f.problem("statuses", "expected some of " + STATUSES + ", but got '" + st + "'");
            }
        }
        return f.problems();
    }

    @Override
    public TriggerSource open(SourceContext context) {
        JsonNode s = context.settings();
        List<String> statuses = new ArrayList<>();
        s.path("statuses").forEach(x -> statuses.add(x.asText()));
        Watch w = new Watch(s.path("source").asText(), Set.copyOf(statuses.isEmpty() ? STATUSES : statuses), context);
        watches.put(context, w);
        return () -> watches.remove(context);
    }

    @Override
    public void committed(ExecutionState state, Transition transition) {
        if (state.status() == ExecutionStatus.RUNNING || watches.isEmpty() || !ended(transition)) {
            return;
        }
        for (Watch w : watches.values()) {
            if (w.matches(state)) {
                JsonNode event = event(state);
                String key = state.info().executionArn();
                executor.execute(() -> {
                    try {
                        w.context().deliver(new SourceEvent(key, event, false));
                    } catch (RuntimeException e) {
                        LOG.error("Trigger {} could not take the end of {}", w.context().triggerName(), key, e);
                    }
                });
            }
        }
    }

    private static boolean ended(Transition t) {
        for (HistoryEvent e : t.events()) {
            EventType type = e.type();
            if (type == EventType.ExecutionSucceeded || type == EventType.ExecutionFailed
                    || type == EventType.ExecutionTimedOut || type == EventType.ExecutionAborted) {
                return true;
            }
        }
        return false;
    }

    /** The event AWS sends to EventBridge when an execution's status changes. */
    private JsonNode event(ExecutionState s) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        String arn = s.info().executionArn();
        e.put("id", UUID.nameUUIDFromBytes((arn + "\n" + s.status()).getBytes(StandardCharsets.UTF_8)).toString());
        e.put("detail-type", "Step Functions Execution Status Change");
        e.put("source", "aws.states");
        e.put("account", account);
        e.put("time", (s.stopTime() != null ? s.stopTime() : s.startTime()).toString());
        e.put("region", region);
        e.putArray("resources").add(arn);
        ObjectNode d = e.putObject("detail");
        d.put("executionArn", arn);
        d.put("stateMachineArn", s.info().stateMachineArn());
        d.put("name", s.info().name());
        d.put("status", s.status().name());
        d.put("startDate", s.startTime().toEpochMilli());
        if (s.stopTime() != null) {
            d.put("stopDate", s.stopTime().toEpochMilli());
        } else {
            d.putNull("stopDate");
        }
        d.put("input", Json.write(s.input()));
        d.putObject("inputDetails").put("included", true);
        if (s.output() != null) {
            d.put("output", Json.write(s.output()));
            d.putObject("outputDetails").put("included", true);
        } else {
            d.putNull("output");
            d.putNull("outputDetails");
        }
        if (s.error() != null) {
            d.put("error", s.error());
        } else {
            d.putNull("error");
        }
        if (s.cause() != null) {
            d.put("cause", s.cause());
        } else {
            d.putNull("cause");
        }
        return e;
    }

    void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
