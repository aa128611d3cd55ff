package io.relationships.catalog;

import java.math.BigDecimal;
import java.util.Map;

/** One member of a staged group: a canonical symbol, its weight in percent (nullable) and details. */
public record StagedMembership(String symbol, BigDecimal weight, Map<String, Object> metadata) {

    public StagedMembership {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
