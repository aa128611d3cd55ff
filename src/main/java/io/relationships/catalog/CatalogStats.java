package io.relationships.catalog;

import java.util.Map;

/**
 * Counts of what the catalog holds.
 *
 * @param groups        groups per type
 * @param memberships   memberships per group type (ETF → holdings, SECTOR → classified stocks, …)
 * @param securities    securities known to the catalog
 */
public record CatalogStats(Map<GroupType, Long> groups, Map<GroupType, Long> memberships, long securities) {

    public long groups(GroupType type) {
        return groups.getOrDefault(type, 0L);
    }

    public long memberships(GroupType type) {
        return memberships.getOrDefault(type, 0L);
    }
}
