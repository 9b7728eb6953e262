package io.conflux.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.conflux.asl.expr.Json;
import io.conflux.triggers.spi.Delivery;
import io.conflux.triggers.spi.SourceContext;
import io.conflux.triggers.spi.SourceEvent;
import io.conflux.triggers.spi.TriggerKind;
import io.conflux.triggers.spi.TriggerSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: amqp}: messages of a RabbitMQ queue (AMQP 0-9-1). Settings: {@code uri} (default
 * {@code amqp://guest:guest@127.0.0.1:5672}), {@code queue}, {@code declare} (declare the queues as durable, default
 * true), {@code deadLetterQueue} (default QUEUE.dead-letter), {@code maxAttempts} (starts tried per message before it
 * is dead-lettered, default 3), {@code retryDelayMillis} (default 1000, times the attempt), {@code prefetch}.
 *
 * <p>At least once, and one execution per message: a message is acked only once its execution is durably started
 * (or it was dead-lettered), so a crash before the ack redelivers it; the redelivery finds the record of the first
 * delivery (by message id, or for messages without one by content among deliveries not yet acked) and starts the same
 * execution name, which StartExecution answers idempotently. The event is {@code {"body", "properties", "headers",
 * "exchange", "routingKey", "queue"}}; a body that is not JSON is malformed and dead-lettered at once, as is a message
 * no filter matches; a message whose start fails {@code maxAttempts} times is dead-lettered with the reason (header
 * {@code x-conflux-reason}).
 */
final class AmqpKind implements TriggerKind {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpKind.class);
    static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";
    /**
     * Fault injection for tests: runs after a message's execution started and before the ack, on the consumer's
     * channel (a test aborts the connection there to play a crash in the worst moment).
     */
    static volatile java.util.function.Consumer<Channel> beforeAck;

    @Override
    public String type() {
        return "amqp";
    }

    @Override
    public Set<String> fields() {
        return Set.of("uri", "queue", "declare", "deadLetterQueue", "maxAttempts", "retryDelayMillis", "prefetch");
    }

    @Override
    public boolean settlesLater() {
        return true;
    }

    @Override
    public List<String> validate(JsonNode s) {
        Fields f = new Fields(s);
        String uri = f.text("uri", null);
        if (uri != null) {
            try {
                URI u = new URI(uri);
                if (!"amqp".equals(u.getScheme()) && !"amqps".equals(u.getScheme())) {
                    f.problem("uri", "expected amqp:// or amqps://, but got '" + uri + "'");
                }
            } catch (URISyntaxException e) {
                f.problem("uri", "expected a URI such as " + DEFAULT_URI + ", but got '" + uri + "'");
            }
        }
        f.required("queue");
        f.bool("declare", true);
        f.text("deadLetterQueue", null);
        f.integer("maxAttempts", 3, 1, 100);
        f.integer("retryDelayMillis", 1000, 0, 600_000);
        f.integer("prefetch", 1, 1, 1000);
        return f.problems();
    }

    @Override
    public TriggerSource open(SourceContext context) throws Exception {
        JsonNode s = context.settings();
        String queue = s.path("queue").asText();
        Consumer c = new Consumer(context, s.path("uri").asText(DEFAULT_URI), queue,
                s.path("deadLetterQueue").asText(queue + ".dead-letter"), s.path("declare").asBoolean(true),
                s.path("maxAttempts").asInt(3), s.path("retryDelayMillis").asInt(1000), s.path("prefetch").asInt(1));
        c.start();
        return c;
    }

    private static final class Consumer implements TriggerSource {
        private final SourceContext ctx;
        private final String uri;
        private final String queue;
        private final String deadLetterQueue;
        private final boolean declare;
        private final int maxAttempts;
        private final int retryDelayMillis;
        private final int prefetch;
        /** Held while a message is handled: close() waits for the one in hand. */
        private final ReentrantLock handling = new ReentrantLock();
        private Connection connection;
        private Channel channel;
        private Channel deadLetters;
        private String tag;
        private volatile boolean closing;

        Consumer(SourceContext ctx, String uri, String queue, String deadLetterQueue, boolean declare,
                int maxAttempts, int retryDelayMillis, int prefetch) {
            this.ctx = ctx;
            this.uri = uri;
            this.queue = queue;
            this.deadLetterQueue = deadLetterQueue;
            this.declare = declare;
            this.maxAttempts = maxAttempts;
            this.retryDelayMillis = retryDelayMillis;
            this.prefetch = prefetch;
        }

        void start() throws Exception {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(uri);
            f.setAutomaticRecoveryEnabled(true);
            f.setConnectionTimeout(5000);
            connection = f.newConnection("conflux-trigger-" + ctx.triggerName());
            try {
                channel = connection.createChannel();
                deadLetters = connection.createChannel();
                if (declare) {
                    channel.queueDeclare(queue, true, false, false, null);
                    channel.queueDeclare(deadLetterQueue, true, false, false, null);
                }
                deadLetters.confirmSelect();
                channel.basicQos(prefetch);
                tag = channel.basicConsume(queue, false, "conflux-" + ctx.triggerName(), new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props,
                            byte[] body) throws IOException {
                        handle(envelope, props, body);
                    }
                });
            } catch (Exception e) {
                connection.abort();
                throw e;
            }
        }

        private void handle(Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            handling.lock();
            try {
                if (closing) {
                    return; // not acked: the broker gives it to another consumer, or to us after a restart
                }
                settle(envelope, props, body);
            } catch (RuntimeException e) {
                // Not an outcome (the database is down, say): give the message back to try again later.
                LOG.warn("Trigger {} could not handle a message of {}; it goes back to the queue", ctx.triggerName(),
                        queue, e);
                pause(retryDelayMillis);
                channel.basicNack(envelope.getDeliveryTag(), false, true);
            } finally {
                handling.unlock();
            }
        }

        private void settle(Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            String key = props.getMessageId();
            String text = new String(body, StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = text.isBlank() ? null : Json.parse(text);
            } catch (JsonProcessingException e) {
                json = null;
            }
            if (json == null || json.isMissingNode()) {
                Delivery.Refused r = ctx.malformed(key, text, "the message body is not JSON");
                deadLetter(envelope, props, body, r.eventId(), r.reason());
                return;
            }
            ObjectNode event = Json.object();
            event.set("body", json);
            event.set("properties", properties(props));
            event.set("headers", props.getHeaders() == null ? Json.object() : (ObjectNode) value(props.getHeaders()));
            event.put("exchange", envelope.getExchange());
            event.put("routingKey", envelope.getRoutingKey());
            event.put("queue", queue);
            boolean redelivered = envelope.isRedeliver();
            while (true) {
                Delivery d = ctx.deliver(new SourceEvent(key, event, redelivered));
                switch (d) {
                    case Delivery.Started s -> {
                        var hook = beforeAck;
                        if (hook != null) {
                            hook.accept(channel);
                        }
                        // The execution is durable: only now may the broker forget the message.
                        channel.basicAck(envelope.getDeliveryTag(), false);
                        ctx.settled(s.eventId());
                        return;
                    }
                    case Delivery.Refused r -> {
                        deadLetter(envelope, props, body, r.eventId(), r.reason());
                        return;
                    }
                    case Delivery.Failed f -> {
                        if (f.attempts() >= maxAttempts) {
                            deadLetter(envelope, props, body, f.eventId(), "Gave up after " + f.attempts()
                                    + " failed starts: " + f.reason());
                            return;
                        }
                        if (closing) {
                            channel.basicNack(envelope.getDeliveryTag(), false, true);
                            return;
                        }
                        pause((long) retryDelayMillis * f.attempts());
                        redelivered = true;
                    }
                }
            }
        }

        /** Publishes to the dead-letter queue with the reason, waits for the broker's confirm, then acks. */
        private void deadLetter(Envelope envelope, AMQP.BasicProperties props, byte[] body, long eventId,
                String reason) throws IOException {
            Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
            headers.put("x-conflux-trigger", ctx.triggerName());
            headers.put("x-conflux-event-id", eventId);
            headers.put("x-conflux-reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            headers.put("x-original-queue", queue);
            deadLetters.basicPublish("", deadLetterQueue, props.builder().headers(headers).build(), body);
            try {
                deadLetters.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted waiting for the broker to confirm a dead letter", e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("The broker did not confirm a dead letter in time", e);
            }
            channel.basicAck(envelope.getDeliveryTag(), false);
            ctx.deadLettered(eventId, deadLetterQueue, reason);
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closing = true;
            try {
                if (tag != null && channel.isOpen()) {
                    channel.basicCancel(tag);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Cancelling the consumer of {} failed", queue, e);
            }
            handling.lock(); // the message in hand, if any, is finished
            handling.unlock();
            try {
                connection.close(5000);
            } catch (IOException | RuntimeException e) {
                connection.abort();
            }
        }

        private static ObjectNode properties(AMQP.BasicProperties p) {
            ObjectNode o = Json.object();
            putIf(o, "contentType", p.getContentType());
            putIf(o, "contentEncoding", p.getContentEncoding());
            if (p.getDeliveryMode() != null) {
                o.put("deliveryMode", p.getDeliveryMode());
            }
            if (p.getPriority() != null) {
                o.put("priority", p.getPriority());
            }
            putIf(o, "correlationId", p.getCorrelationId());
            putIf(o, "replyTo", p.getReplyTo());
            putIf(o, "expiration", p.getExpiration());
            putIf(o, "messageId", p.getMessageId());
            if (p.getTimestamp() != null) {
                o.put("timestamp", p.getTimestamp().toInstant().toString());
            }
            putIf(o, "type", p.getType());
            putIf(o, "userId", p.getUserId());
            putIf(o, "appId", p.getAppId());
            return o;
        }

        private static void putIf(ObjectNode o, String field, String value) {
            if (value != null) {
                o.put(field, value);
            }
        }

        private static Map<String, Object> toStrings(Map<?, ?> m) {
            Map<String, Object> out = new HashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }

        /** An AMQP field value (table, array, long string, number, date, bytes) as JSON. */
        private static JsonNode value(Object v) {
            return switch (v) {
                case null -> Json.NODES.nullNode();
                case LongString s -> Json.NODES.textNode(s.toString());
                case String s -> Json.NODES.textNode(s);
                case Integer n -> Json.NODES.numberNode(n);
                case Long n -> Json.NODES.numberNode(n);
                case Short n -> Json.NODES.numberNode(n);
                case Byte n -> Json.NODES.numberNode(n);
                case Double n -> Json.NODES.numberNode(n);
                case Float n -> Json.NODES.numberNode(n);
                case java.math.BigDecimal n -> Json.NODES.numberNode(n);
                case Boolean b -> Json.NODES.booleanNode(b);
                case Date d -> Json.NODES.textNode(d.toInstant().toString());
                case byte[] b -> Json.NODES.textNode(Base64.getEncoder().encodeToString(b));
                case Map<?, ?> m -> {
                    // sorted: the same message must give the same event text (its content identifies redeliveries)
                    ObjectNode o = Json.object();
                    new java.util.TreeMap<String, Object>(toStrings(m)).forEach((k, x) -> o.set(k, value(x)));
                    yield o;
                }
                case List<?> l -> {
                    ArrayNode a = Json.array();
                    l.forEach(x -> a.add(value(x)));
                    yield a;
                }
                default -> Json.NODES.textNode(v.toString());
            };
        }
    }
}
