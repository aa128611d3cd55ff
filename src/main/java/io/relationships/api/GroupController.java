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

    /** A member of a group, on a connection edge. */
    record Member(String symbol, Double weight) {
    }

    private final RelationshipCache cache;
    private final RelationshipLookups lookups;
    private final ApiProperties properties;

    GroupController(RelationshipCache cache, RelationshipLookups lookups, ApiProperties properties) {
        this.cache = cache;
        this.lookups = lookups;
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
    List<GroupRow> industries() {
        return lookups.all(GroupType.INDUSTRY);
    }

    @QueryMapping
    GroupRow theme(@Argument String key) {
        return group(GroupType.THEME, key);
    }

    @QueryMapping
    List<GroupRow> themes() {
        return lookups.all(GroupType.THEME);
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

    /** Members by weight where the group has weights (universes), otherwise by symbol. */
    @SchemaMapping(typeName = "Group")
    Connections.Connection<Member> stocks(GroupRow group, @Argument Integer first, @Argument String after) {
        return Connections.page(group.members(), first, after, properties,
                (m, i) -> new Connections.Edge<>(Connections.cursor(i), new Member(m.symbol(), m.weight()), m.weight()));
    }

    @BatchMapping(typeName = "StockEdge", field = "node")
    Map<Connections.Edge<Member>, StockRow> node(List<Connections.Edge<Member>> edges) {
        return lookups.stock(edges, e -> e.node().symbol());
    }
}
