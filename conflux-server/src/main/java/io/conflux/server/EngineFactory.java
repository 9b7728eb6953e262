package io.conflux.server;

import io.conflux.engine.interpreter.Interpreter;
import io.conflux.engine.interpreter.Limits;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.EngineListener;
import io.conflux.engine.spi.ProcessingNode;
import java.util.List;

/**
 * The one place the server builds its engine: the store, the clock, the limits and the processing nodes come
 * together here, so that a durable store (and recovery of the executions it holds) plugs in without touching the
 * API.
 */
public final class EngineFactory {
    private EngineFactory() {}

    /**
     * @param nodes the server's processing nodes; the configuration's own nodes are tried first
     * @param listeners observers of committed steps
     */
    public static Engine build(ServerConfig config, List<ProcessingNode> nodes, List<EngineListener> listeners) {
        Engine.Builder b = Engine.builder()
                .clock(config.clock())
                .store(config.store().get())
                .config(new Interpreter.Config(new Limits(config.maxPayloadBytes())));
        config.nodes().forEach(b::node);
        nodes.forEach(b::node);
        listeners.forEach(b::listener);
        return b.build();
    }
}
