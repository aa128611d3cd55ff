package io.relationships.api;

import java.util.Arrays;
import java.util.List;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogStats;
import io.relationships.catalog.GroupType;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class StatsController {

    record GroupCount(GroupType type, long count) {
    }

    record RelationshipCount(String kind, long count) {
    }

    private final CatalogQueries catalog;

    StatsController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    @QueryMapping
    CatalogStats stats() {
        return catalog.stats();
    }

    @SchemaMapping(typeName = "CatalogStats")
    long etfs(CatalogStats stats) {
        return stats.groups(GroupType.ETF);
    }

    @SchemaMapping(typeName = "CatalogStats")
    long sectors(CatalogStats stats) {
        return stats.groups(GroupType.SECTOR);
    }

    @SchemaMapping(typeName = "CatalogStats")
    long industries(CatalogStats stats) {
        return stats.groups(GroupType.INDUSTRY);
    }

    @SchemaMapping(typeName = "CatalogStats")
    long themes(CatalogStats stats) {
        return stats.groups(GroupType.THEME);
    }

    @SchemaMapping(typeName = "CatalogStats")
    long universes(CatalogStats stats) {
        return stats.groups(GroupType.UNIVERSE);
    }

    @SchemaMapping(typeName = "CatalogStats")
    List<GroupCount> groups(CatalogStats stats) {
        return Arrays.stream(GroupType.values()).map(type -> new GroupCount(type, stats.groups(type))).toList();
    }

    @SchemaMapping(typeName = "CatalogStats")
    List<RelationshipCount> relationships(CatalogStats stats) {
        return List.of(
                new RelationshipCount("HOLDS", stats.memberships(GroupType.ETF)),
                new RelationshipCount("IN_SECTOR", stats.memberships(GroupType.SECTOR)),
                new RelationshipCount("IN_INDUSTRY", stats.memberships(GroupType.INDUSTRY)),
                new RelationshipCount("IN_THEME", stats.memberships(GroupType.THEME)),
                new RelationshipCount("MEMBER_OF", stats.memberships(GroupType.UNIVERSE)));
    }
}
