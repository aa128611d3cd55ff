package io.relationships.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A group as it is now, with every member: what the graph projection writes. */
public record GroupSnapshot(GroupRecord group, List<Member> members) {

    /**
     * A member with its security's name and the membership's details (issuer sector, classification source, …);
     * {@code CatalogQueries.snapshots}, the sync's read, fills them for sectors and industries only, the groups whose
     * relationships in the graph carry them.
     */
    public record Member(String symbol, String name, BigDecimal weight, Map<String, Object> metadata) {
    }
}
