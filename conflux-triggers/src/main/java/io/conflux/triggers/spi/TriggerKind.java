package io.conflux.triggers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A kind of trigger whose events come from outside Conflux: a queue, a folder. RabbitMQ and watched folders ship with
 * Conflux; Kafka or NATS are the same work: read the kind's settings, deliver each event through
 * {@link SourceContext#deliver}, and settle it with the source (ack, commit an offset) only once the delivery says it
 * is settled. Register a kind with {@code TriggersExtension.builder().kind(...)}.
 */
public interface TriggerKind {

    /** The trigger's {@code type} this kind serves, e.g. {@code amqp}. */
    String type();

    /** The names of the kind's own settings, besides those every trigger has (type, stateMachine, filter …). */
    Set<String> fields();

    /**
     * Checks the kind's own settings in a trigger's definition (as written in conflux.yaml or the API), before the
     * trigger is saved.
     *
     * @return one message per problem, each naming its field ("queue: expected …"); empty when all is well
     */
    List<String> validate(JsonNode settings);

    /**
     * Whether the source settles each event itself, after the delivery ({@link SourceContext#settled} or
     * {@link SourceContext#deadLettered}): queues, which redeliver what they were not told about. Pushed events
     * (HTTP) are settled by the answer.
     */
    default boolean settlesLater() {
        return false;
    }

    /**
     * Starts taking events for one trigger. Called on every node of a cluster (sources share the work as competing
     * consumers, or deliver the same event under the same {@link SourceEvent#key}, which starts one execution); called
     * again, after {@link TriggerSource#close}, when the trigger changes.
     */
    TriggerSource open(SourceContext context) throws Exception;
}
