package io.conflux.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Template;
import java.util.List;

/**
 * Map: runs {@code processor} once per item; the output is the items' outputs in item order.
 *
 * @param items where the items come from: ItemsPath (a path, default {@code $}) or JSONata Items
 * @param itemSelector ItemSelector, or the legacy Parameters of a Map, or null
 * @param mode INLINE, or DISTRIBUTED (run here as child executions would be, in process)
 * @param maxConcurrency MaxConcurrency(Path), or null for unlimited
 * @param toleratedFailureCount ToleratedFailureCount(Path), or null for 0
 * @param toleratedFailurePercentage ToleratedFailurePercentage(Path), or null for 0
 * @param itemReader ItemReader as written, or null
 * @param itemBatcher ItemBatcher as written, or null
 * @param resultWriter ResultWriter as written, or null
 */
public record MapState(
        StateHeader header,
        Io io,
        Transition transition,
        ValueSource items,
        Template itemSelector,
        StateGraph processor,
        Mode mode,
        String executionType,
        ValueSource maxConcurrency,
        ValueSource toleratedFailureCount,
        ValueSource toleratedFailurePercentage,
        JsonNode itemReader,
        JsonNode itemBatcher,
        JsonNode resultWriter,
        String label,
        List<Retrier> retry,
        List<Catcher> catchers) implements State, Recoverable {

    public enum Mode {
        INLINE,
        DISTRIBUTED
    }
}
