package io.relationships.api;

import tools.jackson.databind.json.JsonMapper;

/** JSON string quoting for tests that build request bodies by hand. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String quote(String text) {
        return MAPPER.writeValueAsString(text);
    }
}
