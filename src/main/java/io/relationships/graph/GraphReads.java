package io.relationships.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.relationships.catalog.GroupType;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * Reads of the relationship graph, batched: each call is one Cypher query however many keys it is given. The
 * cache loads its misses through here; {@link #queries()} counts round trips (the API's N+1 guard checks it).
 */
@Service
public class GraphReads {

    /**
     * A member of a relationship list: a symbol (or key) and its weight, if the relationship has one, and for an ETF's
     * holding the shares and market value its file gives.
     */
    public record Weighted(String symbol, Double weight, Double shares, Double marketValue) {
        /** Largest weight first, then by symbol: the order clients see holdings and ETFs in. */
        public static final Comparator<Weighted> BY_WEIGHT = Comparator
                .comparing((Weighted w) -> w.weight() == null ? Double.NEGATIVE_INFINITY : w.weight()).reversed()
                .thenComparing(Weighted::symbol);

        public Weighted(String symbol, Double weight) {
            this(symbol, weight, null, null);
        }
    }

    /**
     * A stock with its sector (and where that classification comes from), industry, the ETFs holding it
     * (largest weight first), themes and universes.
     */
    public record StockRow(String symbol, String name, String sector, String sectorSource, Double sectorConfidence,
                           String industry, List<Weighted> etfs, List<String> themes, List<Weighted> universes) {
    }

    /** An ETF, sector, industry, theme or universe with its members (by weight, then symbol). */
    public record GroupRow(GroupType type, String key, String name, String description, String issuer, String asOf,
                           String lastUpdated, List<Weighted> members) {
    }

    private final GraphSessions sessions;
    private final GraphBuilding building;
    private final AtomicLong queries = new AtomicLong();
    private final String stocks = CypherFiles.load("read/stocks");
    private final String etfs = CypherFiles.load("read/etfs");
    private final String etfKeys = CypherFiles.load("read/etf-keys");
    private final String allStocks = CypherFiles.load("read/all-stock-symbols");
    private final String largestEtfs = CypherFiles.load("read/largest-etfs");
    private final Map<GroupShape, String> groups = new EnumMap<>(GroupShape.class);
    private final Map<GroupShape, String> groupKeys = new EnumMap<>(GroupShape.class);

    GraphReads(GraphSessions sessions, GraphBuilding building) {
        this.sessions = sessions;
        this.building = building;
        for (GroupShape shape : GroupShape.values()) {
            if (shape != GroupShape.ETF) {
                groups.put(shape, CypherFiles.load("read/groups", shape.placeholders()));
                groupKeys.put(shape, CypherFiles.load("read/group-keys", shape.placeholders()));
            }
        }
    }

    public List<StockRow> stocks(Collection<String> symbols) {
        if (symbols.isEmpty()) {
            return List.of();
        }
        return read(stocks, Map.of("symbols", List.copyOf(symbols)), r -> new StockRow(r.get("symbol").asString(),
                text(r.get("name")), text(r.get("sector")), text(r.get("sectorSource")),
                r.get("sectorConfidence").isNull() ? null : r.get("sectorConfidence").asDouble(),
                text(r.get("industry")), weighted(r.get("etfs")),
                r.get("themes").asList(Value::asString).stream().sorted().toList(), weighted(r.get("universes"))));
    }

    public List<GroupRow> groups(GroupType type, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        GroupShape shape = GroupShape.of(type);
        String query = shape == GroupShape.ETF ? etfs : groups.get(shape);
        return read(query, Map.of("keys", List.copyOf(keys)), r -> new GroupRow(type, r.get("key").asString(), text(r.get("name")),
                shape == GroupShape.ETF ? null : text(r.get("description")),
                shape == GroupShape.ETF ? text(r.get("issuer")) : null,
                shape == GroupShape.ETF ? text(r.get("asOf")) : null,
                shape == GroupShape.ETF ? text(r.get("lastUpdated")) : null,
                weighted(r.get("members"))));
    }

    /** Every key of a group type, sorted. */
    public List<String> keys(GroupType type) {
        GroupShape shape = GroupShape.of(type);
        return read(shape == GroupShape.ETF ? etfKeys : groupKeys.get(shape), Map.of(), r -> r.get("key").asString());
    }

    /** The keys of the {@code limit} ETFs with the most holdings, largest first, without reading their holdings. */
    public List<String> largestEtfs(int limit) {
        return read(largestEtfs, Map.of("limit", limit), r -> r.get("key").asString());
    }

    public List<String> allStockSymbols() {
        return read(allStocks, Map.of(), r -> r.get("symbol").asString());
    }

    /** Cypher queries run since start-up. */
    public long queries() {
        return queries.get();
    }

    private <T> List<T> read(String query, Map<String, Object> parameters, Function<Record, T> mapper) {
        building.checkReadable();
        queries.incrementAndGet();
        try (Session session = sessions.open()) {
            return session.executeRead(tx -> tx.run(query, parameters).list(mapper));
        }
    }

    private static List<Weighted> weighted(Value list) {
        List<Weighted> items = new ArrayList<>();
        for (Value item : list.values()) {
            if (!item.get("symbol").isNull()) {
                items.add(new Weighted(item.get("symbol").asString(), number(item.get("weight")), number(item.get("shares")),
                        number(item.get("marketValue"))));
            }
        }
        items.sort(Weighted.BY_WEIGHT);
        return List.copyOf(items);
    }

    /** A number of a member map; null where the map has no such key or a null. */
    private static Double number(Value value) {
        return value == null || value.isNull() ? null : value.asDouble();
    }

    private static String text(Value value) {
        return value == null || value.isNull() ? null : value.asString();
    }
}
