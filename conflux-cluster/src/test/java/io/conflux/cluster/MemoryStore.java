package io.conflux.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A cluster store in memory that outlives a {@link Batch}: what a database gives a restarted server. */
final class MemoryStore implements ClusterStore {
    private final Map<String, JsonNode> docs = new ConcurrentHashMap<>();

    @Override
    public void put(String kind, String id, JsonNode body) {
        docs.put(kind + "/" + id, body.deepCopy());
    }

    @Override
    public void delete(String kind, String id) {
        docs.remove(kind + "/" + id);
    }

    @Override
    public List<JsonNode> all(String kind) {
        List<JsonNode> out = new ArrayList<>();
        docs.forEach((k, v) -> {
            if (k.startsWith(kind + "/")) {
                out.add(v.deepCopy());
            }
        });
        return out;
    }
}
