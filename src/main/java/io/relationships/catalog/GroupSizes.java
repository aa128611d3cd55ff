package io.relationships.catalog;

import java.util.Map;

/**
 * How large the catalog's lists can get: what bounds the answer to "the members of a group" or "every group of a
 * kind", whatever page size a client asks for.
 *
 * @param groups  groups per type
 * @param largest the member count of the largest group of each type
 */
public record GroupSizes(Map<GroupType, Long> groups, Map<GroupType, Long> largest) {

    public GroupSizes {
        groups = Map.copyOf(groups);
        largest = Map.copyOf(largest);
    }

    public long groups(GroupType type) {
        return groups.getOrDefault(type, 0L);
    }

    public long largest(GroupType type) {
        return largest.getOrDefault(type, 0L);
    }
}
