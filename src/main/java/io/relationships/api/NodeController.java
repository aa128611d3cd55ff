package io.relationships.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Node}: the global ids of stocks, ETFs and groups, and finding them again by id ({@code node}, {@code nodes}),
 * a batch of ids costing one cache call per type.
 */
@Controller
class NodeController {

    private static final Map<String, GroupType> GROUP_TYPES = Map.of("Etf", GroupType.ETF, "Sector", GroupType.SECTOR,
            "Industry", GroupType.INDUSTRY, "Theme", GroupType.THEME, "Universe", GroupType.UNIVERSE);

    private final RelationshipCache cache;
    private final ApiProperties properties;

    NodeController(RelationshipCache cache, ApiProperties properties) {
        this.cache = cache;
        this.properties = properties;
    }

    static String id(Object row) {
        return new GlobalId(NodeTypes.typeName(row), row instanceof StockRow stock ? stock.symbol() : ((GroupRow) row).key()).encode();
    }

    @SchemaMapping(typeName = "Stock", field = "id")
    String stockId(StockRow stock) {
        return id(stock);
    }

    @SchemaMapping(typeName = "Etf", field = "id")
    String etfId(GroupRow etf) {
        return id(etf);
    }

    @SchemaMapping(typeName = "Group", field = "id")
    String groupId(GroupRow group) {
        return id(group);
    }

    @QueryMapping
    Object node(@Argument String id) {
        return nodes(List.of(id)).get(0);
    }

    /** In the order asked for, null where an id finds nothing; one cache call per type. */
    @QueryMapping
    List<Object> nodes(@Argument List<String> ids) {
        if (ids.size() > properties.maxPageSize()) {
            throw new ApiException(ErrorCode.VALIDATION, "at most " + properties.maxPageSize() + " ids at once, not " + ids.size());
        }
        List<GlobalId> wanted = ids.stream().map(GlobalId::decode).toList();
        Map<String, List<String>> byType = new HashMap<>();
        wanted.forEach(id -> byType.computeIfAbsent(id.type(), t -> new ArrayList<>()).add(id.key()));
        Map<String, Map<String, ?>> found = new HashMap<>();
        byType.forEach((type, keys) -> found.put(type, type.equals("Stock") ? cache.getStocks(keys)
                : GROUP_TYPES.containsKey(type) ? cache.getGroups(GROUP_TYPES.get(type), keys) : Map.of()));
        List<Object> nodes = new ArrayList<>(wanted.size());
        wanted.forEach(id -> nodes.add(found.get(id.type()).get(id.key())));
        return nodes;
    }
}
