package io.conflux.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.ManualClock;
import org.junit.jupiter.api.Test;

class ExpressInMemoryTest {
    private static final StateMachine PASS = Asl.parse(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}").machine();

    static ExecutionInfo express(String name) {
        return new ExecutionInfo("arn:aws:states:us-east-1:1:express:sm:" + name + ":x", name,
                "arn:aws:states:us-east-1:1:stateMachine:sm", "sm", "role", true, true, null, null);
    }

    @Test
    void express_executions_never_reach_the_standard_store_and_only_the_latest_ended_stay() {
        InMemoryStore standard = new InMemoryStore();
        ExpressInMemory store = new ExpressInMemory(standard, 2);
        try (Engine engine = Engine.builder().manual(new ManualClock()).store(store).build()) {
            for (int i = 0; i < 3; i++) {
                engine.start(PASS, express("e" + i), Json.object());
            }
            String std = engine.start(PASS, ExecutionInfo.local("sm", "s"), Json.object());
            engine.runUntilIdle();
            assertThat(standard.describe(std)).isPresent();
            assertThat(standard.describe(express("e2").executionArn())).isEmpty();
            assertThat(store.describe(express("e0").executionArn())).as("forgotten").isEmpty();
            assertThat(store.describe(express("e2").executionArn())).get()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
            assertThat(store.history(express("e2").executionArn())).isNotEmpty();
        }
    }
}
