package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/** Starting and stopping: close stops accepting, answers what is in flight, then closes the engine. */
class ServerLifecycleTest {

    @Test
    void a_server_on_port_zero_listens_on_a_free_port_and_says_where() {
        try (TestServer t = TestServer.start()) {
            assertThat(t.server.port()).isPositive();
            assertThat(t.server.endpoint()).isEqualTo("http://127.0.0.1:" + t.server.port());
            assertThat(t.sfn.listStateMachines().stateMachines()).isEmpty();
        }
    }

    @Test
    void close_answers_a_waiting_long_poll_at_once_and_then_refuses_connections() throws Exception {
        TestServer t = TestServer.start(b -> b.activityPollTimeout(Duration.ofSeconds(30)));
        String activity = t.sfn.createActivity(b -> b.name("closing")).activityArn();
        CompletableFuture<GetActivityTaskResponse> poll = CompletableFuture.supplyAsync(
                () -> t.sfn.getActivityTask(b -> b.activityArn(activity)));
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        long started = System.nanoTime();
        t.server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(poll.get(5, TimeUnit.SECONDS).taskToken()).as("answered empty, not cut off").isNull();
        assertThatThrownBy(() -> new Socket("127.0.0.1", t.server.port()).close())
                .isInstanceOf(ConnectException.class);
        t.sfn.close();
        t.server.close();
    }

    @Test
    void the_configuration_is_checked_when_it_is_built() {
        assertThatThrownBy(() -> ServerConfig.builder().region("Mars"))
                .hasMessage("Expected a region like us-east-1, but got 'Mars'");
        assertThatThrownBy(() -> ServerConfig.builder().accountId("123"))
                .hasMessage("Expected a 12-digit account id, but got '123'");
        assertThatThrownBy(() -> ServerConfig.builder().port(70000))
                .hasMessage("Expected a port from 0 to 65535, but got 70000");
        assertThatThrownBy(() -> ServerConfig.builder().maxRequestBytes(1024).build())
                .hasMessageStartingWith("Expected the request limit (1024 bytes) to hold the payload limit");
    }
}
