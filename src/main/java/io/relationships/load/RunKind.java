package io.relationships.load;

import java.util.List;

import io.relationships.catalog.GroupType;

/** What a load run loads. */
public enum RunKind {
    ETF_HOLDINGS(GroupType.ETF),
    UNIVERSES(GroupType.UNIVERSE),
    THEMES(GroupType.THEME),
    /** sector and industry classification (the sector capability's enrichment) */
    SECTORS(GroupType.SECTOR, GroupType.INDUSTRY),
    /** every kind in dependency order; its steps are runs of their own */
    ALL,
    ROLLBACK;

    private final GroupType[] groupTypes;

    RunKind(GroupType... groupTypes) {
        this.groupTypes = groupTypes;
    }

    /** The group types a full run of this kind replaces. */
    public List<GroupType> groupTypes() {
        return List.of(groupTypes);
    }
}
