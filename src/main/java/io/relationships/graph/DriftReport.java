package io.relationships.graph;

import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.catalog.GroupRef;

/**
 * PostgreSQL against Neo4j, group by group.
 *
 * @param groups     groups in the catalog
 * @param differing  groups whose members or weights differ, or that exist on one side only
 */
public record DriftReport(OffsetDateTime checkedAt, long groups, List<GroupDrift> differing, long tookMillis) {

    public record GroupDrift(GroupRef group, long postgresMembers, long graphMembers, String reason) {
    }

    /** Share of groups that agree, 0–1 ("bidirectional integrity" of the quality report). */
    public double integrity() {
        return groups == 0 ? (differing.isEmpty() ? 1.0 : 0.0) : Math.max(0, 1.0 - (double) differing.size() / groups);
    }
}
