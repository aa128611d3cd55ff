package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Sectors, industries, themes and universes: the {@code Group} interface's fields, mapped once on the interface
 * (Spring for GraphQL registers them for every type that implements it), the root fields that find groups, and the
 * stocks on their {@code StockEdge}s. What a group is beyond that (a theme's description) is a plain property.
 */
@Controller
class GroupController {

    private static final Keyset<GroupRow> BY_KEY = Keyset.of("groups", Keyset.ascending(GroupRow::key));

    private final RelationshipCache cache;
    private final RelationshipLookups lookups;
    private final Members members;
    private final ApiProperties properties;

    GroupController(RelationshipCache cache, RelationshipLookups lookups, Members members, ApiProperties properties) {
        this.cache = cache;
        this.lookups = lookups;
        this.members = members;
        this.properties = properties;
    }

    @QueryMapping
    GroupRow sector(@Argument String key) {
        return group(GroupType.SECTOR, key);
    }

    @QueryMapping
    List<GroupRow> sectors() {
        return lookups.all(GroupType.SECTOR);
    }

    @QueryMapping
    GroupRow industry(@Argument String key) {
        return group(GroupType.INDUSTRY, key);
    }

    @QueryMapping
    Connections.Connection<GroupRow> industries(@Argument Integer first, @Argument String after, @Argument Integer last,
                                                @Argument String before) {
        return Connections.page(lookups.all(GroupType.INDUSTRY), BY_KEY, Paging.of(first, after, last, before, properties));
    }

    @QueryMapping
    GroupRow theme(@Argument String key) {
        return group(GroupType.THEME, key);
    }

    @QueryMapping
    Connections.Connection<GroupRow> themes(@Argument Integer first, @Argument String after, @Argument Integer last,
                                            @Argument String before) {
        return Connections.page(lookups.all(GroupType.THEME), BY_KEY, Paging.of(first, after, last, before, properties));
    }

    @QueryMapping
    GroupRow universe(@Argument String key) {
        return group(GroupType.UNIVERSE, key);
    }

    @QueryMapping
    List<GroupRow> universes() {
        return lookups.all(GroupType.UNIVERSE);
    }

    private GroupRow group(GroupType type, String key) {
        return cache.getGroup(type, Arguments.groupKey(key)).orElse(null);
    }

    @SchemaMapping(typeName = "Group")
    int stockCount(GroupRow group) {
        return group.members().size();
    }

    @SchemaMapping(typeName = "Group")
    Connections.Connection<Members.Member> stocks(GroupRow group, @Argument Members.Order orderBy, @Argument Integer first,
                                                  @Argument String after, @Argument Integer last, @Argument String before) {
        Members.Order order = orderBy == null ? Members.Order.WEIGHT : orderBy;
        return Connections.page(members.sorted(group.members(), "stocks", order), Members.keyset("stocks", order),
                Paging.of(first, after, last, before, properties), (m, cursor) -> new Connections.Edge<>(cursor, m, m.weight()));
    }

    @BatchMapping(typeName = "StockEdge", field = "node")
    Map<Connections.Edge<Members.Member>, StockRow> node(List<Connections.Edge<Members.Member>> edges) {
        return lookups.stockOrPast(edges, e -> e.node().symbol());
    }
}
