package io.conflux.server;

import io.conflux.asl.expr.Json;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a queue service in callback tests: {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken} tasks
 * are "sent" (recorded here, with the token the definition put in the message) and answered later through
 * SendTaskSuccess/SendTaskFailure, as a consumer of the queue would.
 */
final class CallbackNode implements ProcessingNode {
    static final String RESOURCE = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

    private final LinkedBlockingQueue<TaskRequest> sent = new LinkedBlockingQueue<>();

    @Override
    public boolean handles(String resource) {
        return resource.equals(RESOURCE);
    }

    @Override
    public void start(TaskRequest request, TaskCallback callback) {
        callback.started(null);
        callback.submitted(Json.object().put("MessageId", UUID.randomUUID().toString()));
        sent.add(request);
    }

    /** The next message sent, waiting for it. */
    TaskRequest next(Duration wait) throws InterruptedException {
        TaskRequest r = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("Expected a message to be sent within " + wait + ", but none was");
        }
        return r;
    }
}
