package io.relationships.graph;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.relationships.catalog.GroupType;

/** How each group type looks in the graph: its label, key property and membership relationship. */
enum GroupShape {
    ETF(GroupType.ETF, "ETF", "symbol", "HOLDS"),
    SECTOR(GroupType.SECTOR, "Sector", "key", "IN_SECTOR"),
    INDUSTRY(GroupType.INDUSTRY, "Industry", "key", "IN_INDUSTRY"),
    THEME(GroupType.THEME, "Theme", "key", "IN_THEME"),
    UNIVERSE(GroupType.UNIVERSE, "Universe", "key", "MEMBER_OF");

    final GroupType type;
    final String label;
    final String keyProperty;
    final String relationship;

    GroupShape(GroupType type, String label, String keyProperty, String relationship) {
        this.type = type;
        this.label = label;
        this.keyProperty = keyProperty;
        this.relationship = relationship;
    }

    static GroupShape of(GroupType type) {
        return valueOf(type.name());
    }

    Map<String, String> placeholders() {
        return Map.of("LABEL", label, "REL", relationship);
    }

    /** The relationship's properties for one membership. */
    Map<String, Object> properties(BigDecimal weight, Map<String, Object> metadata) {
        var props = new LinkedHashMap<String, Object>();
        if (weight != null) {
            props.put("weight", weight.doubleValue());
        }
        if (this == ETF) {
            putNumberIfPresent(props, "shares", metadata.get("shares"));
            putNumberIfPresent(props, "marketValue", metadata.get("marketValue"));
        }
        if (this == SECTOR || this == INDUSTRY) {
            putIfPresent(props, "source", metadata.get("source"));
            putIfPresent(props, "confidence", metadata.get("confidence"));
        }
        return props;
    }

    /** A figure the loaders keep as text (exactly as the file wrote it), as a number. */
    private static void putNumberIfPresent(Map<String, Object> props, String name, Object value) {
        if (value != null) {
            props.put(name, new BigDecimal(value.toString()).doubleValue());
        }
    }

    private static void putIfPresent(Map<String, Object> props, String name, Object value) {
        if (value != null) {
            props.put(name, value instanceof Number number ? number.doubleValue() : value.toString());
        }
    }
}
