package io.conflux.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;

/** JSON this module wrote itself: reading it back cannot fail unless the database was edited by hand. */
final class Jsons {
    private Jsons() {}

    static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Expected stored JSON, but: " + e.getOriginalMessage(), e);
        }
    }
}
