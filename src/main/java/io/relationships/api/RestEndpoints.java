package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.cache.CacheScope;
import io.relationships.cache.CacheStatistics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogStats;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphNotReadyException;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * REST for operators' scripts: thin, over the same services as GraphQL, described at {@code /v3/api-docs}
 * (Swagger UI at {@code /swagger-ui.html}). Lists page with {@code limit} and {@code offset}.
 */
@RestController
@Tag(name = "relationships")
class RestEndpoints {

    /** A page of a list: the items, how many there are in all, and where the next page starts (null at the end). */
    record Page<T>(List<T> items, int totalCount, int limit, int offset, Integer nextOffset) {
    }

    record EtfHoldings(String etf, String name, String issuer, String asOf, Page<Weighted> holdings) {
    }

    record GroupMembers(String type, String key, String name, Page<Weighted> members) {
    }

    private final RelationshipCache cache;
    private final CatalogQueries catalog;
    private final ApiProperties properties;

    RestEndpoints(RelationshipCache cache, CatalogQueries catalog, ApiProperties properties) {
        this.cache = cache;
        this.catalog = catalog;
        this.properties = properties;
    }

    @Operation(summary = "Evict the relationship cache (all of it, or one kind of entry), optionally warming it again")
    @PostMapping("/admin/cache/refresh")
    CacheStatistics refreshCache(@RequestParam(defaultValue = "ALL") CacheScope scope, @RequestParam(defaultValue = "false") boolean warm) {
        return cache.refresh(scope, warm);
    }

    @Operation(summary = "Cache hits, misses, evictions and estimated size")
    @GetMapping("/admin/cache/stats")
    CacheStatistics cacheStats() {
        return cache.stats();
    }

    @Operation(summary = "An ETF's holdings, largest weight first")
    @GetMapping("/api/relationships/etf/{symbol}/holdings")
    EtfHoldings etfHoldings(@PathVariable String symbol, @RequestParam(defaultValue = "50") int limit,
                            @RequestParam(defaultValue = "0") int offset,
                            @Parameter(description = "only holdings of at least this weight (percent)") @RequestParam(required = false) Double minWeight) {
        GroupRow etf = cache.getEtfHoldings(Symbols.canonicalOrSelf(symbol))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No ETF " + symbol));
        List<Weighted> holdings = minWeight == null ? etf.members()
                : etf.members().stream().filter(h -> h.weight() != null && h.weight() >= minWeight).toList();
        return new EtfHoldings(etf.key(), etf.name(), etf.issuer(), etf.asOf(), page(holdings, limit, offset));
    }

    @Operation(summary = "A stock: name, sector, industry, the ETFs holding it, themes and universes")
    @GetMapping("/api/relationships/stock/{symbol}/info")
    StockRow stockInfo(@PathVariable String symbol) {
        return cache.getStock(Symbols.canonicalOrSelf(symbol))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stock " + symbol));
    }

    @Operation(summary = "The stocks of a sector")
    @GetMapping("/api/relationships/sector/{key}/stocks")
    GroupMembers sectorStocks(@PathVariable String key, @RequestParam(defaultValue = "50") int limit,
                              @RequestParam(defaultValue = "0") int offset) {
        return members(GroupType.SECTOR, key, limit, offset);
    }

    @Operation(summary = "The members of a theme")
    @GetMapping("/api/relationships/theme/{key}/members")
    GroupMembers themeMembers(@PathVariable String key, @RequestParam(defaultValue = "50") int limit,
                              @RequestParam(defaultValue = "0") int offset) {
        return members(GroupType.THEME, key, limit, offset);
    }

    @Operation(summary = "Counts of groups, securities and relationships in the catalog")
    @GetMapping("/api/relationships/stats")
    Map<String, Object> stats() {
        CatalogStats stats = catalog.stats();
        return Map.of("groups", stats.groups(), "relationships", stats.memberships(), "securities", stats.securities());
    }

    private GroupMembers members(GroupType type, String key, int limit, int offset) {
        GroupRow group = cache.getGroup(type, Arguments.groupKey(key))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + type.name().toLowerCase() + " " + key));
        return new GroupMembers(type.name(), group.key(), group.name(), page(group.members(), limit, offset));
    }

    private <T> Page<T> page(List<T> items, int limit, int offset) {
        if (limit < 0 || offset < 0 || limit > properties.maxPageSize()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 0 and " + properties.maxPageSize() + " and offset not negative");
        }
        int from = Math.min(offset, items.size());
        int to = Math.min(items.size(), from + limit);
        return new Page<>(items.subList(from, to), items.size(), limit, offset, to < items.size() ? to : null);
    }

    /** A graph being built into an empty Neo4j is not read from: 503, with a hint of when to retry. */
    @ExceptionHandler(GraphNotReadyException.class)
    ResponseEntity<Map<String, String>> graphNotReady(GraphNotReadyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(Map.of("error", "UNAVAILABLE", "message", e.getMessage()));
    }
}
