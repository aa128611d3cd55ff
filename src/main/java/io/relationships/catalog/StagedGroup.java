package io.relationships.catalog;

import java.util.Map;

/** A group as a file describes it; staged for the diff. */
public record StagedGroup(GroupType type, String key, String name, String description, String source,
                          Map<String, Object> metadata) {

    public StagedGroup {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
