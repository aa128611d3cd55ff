package io.relationships.catalog;

import java.time.OffsetDateTime;
import java.util.Map;

/** A definition group as stored. */
public record GroupRecord(long id, GroupType type, String key, String name, String description, String source,
                          Map<String, Object> metadata, OffsetDateTime lastUpdated, int memberCount) {

    public GroupRef ref() {
        return new GroupRef(type, key);
    }

    public String metadataText(String name) {
        Object value = metadata.get(name);
        return value == null ? null : value.toString();
    }
}
