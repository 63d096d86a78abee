package io.relais.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A jsonb column read as text: its JSON, or an empty array when it is null or unreadable. */
final class JsonColumns {

    private JsonColumns() {
    }

    static JsonNode array(ObjectMapper json, String text) {
        try {
            return text == null ? json.createArrayNode() : json.readTree(text);
        } catch (java.io.IOException e) {
            return json.createArrayNode();
        }
    }
}
