package io.conflux.server;

import io.conflux.engine.interpreter.Interpreter;
import io.conflux.engine.interpreter.Limits;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.ExpressInMemory;
import java.util.List;

/**
 * The one place the server builds its engine: the store, the clock, the limits and the processing nodes come
 * together here, so that a durable store (and recovery of the executions it holds) plugs in without touching the
 * API.
 */
public final class EngineFactory {
    /** How many ended Express executions a durable server keeps describable in memory. */
    static final int KEEP_ENDED_EXPRESS = 10_000;

    private EngineFactory() {}

    /**
     * @param nodes the server's processing nodes; the configuration's own nodes are tried first
     * @param listeners observers of committed steps
     */
    public static Engine build(ServerConfig config, List<ProcessingNode> nodes, List<EngineListener> listeners) {
        ExecutionStore store = config.store().get();
        if (store.durable()) {
            // Express executions run in memory, as AWS runs them; Standard ones in the durable store.
            store = new ExpressInMemory(store, KEEP_ENDED_EXPRESS);
        }
        Engine.Builder b = Engine.builder()
                .clock(config.clock())
                .store(store)
                .config(new Interpreter.Config(new Limits(config.maxPayloadBytes())));
        config.nodes().forEach(b::node);
        nodes.forEach(b::node);
        listeners.forEach(b::listener);
        return b.build();
    }
}
