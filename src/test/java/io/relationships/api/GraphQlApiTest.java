package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.cache.RelationshipCache;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphSync;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL contract over HTTP, against the sample data on the real engines: what the queries read, their errors,
 * the caches behind them, persisted queries and the REST endpoints for scripts. Loads, rollbacks and syncs driven
 * through the API are {@link GraphQlRunsTest}'s.
 */
@IntegrationTest
@RestoresSampleData
class GraphQlApiTest {

    /** A portfolio line of {@code lookThrough}: an ETF and its percent of the portfolio. */
    record EtfWeight(String symbol, double weight) {
    }

    @Autowired
    HttpGraphQlTester graphQl;
    @Autowired
    GraphSync sync;
    @Autowired
    RelationshipCache cache;
    @Autowired
    GraphReads graphReads;
    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void graphInStep() {
        sync.syncNow(false, "test");
    }

    /**
     * Posts a document as plain JSON and returns the whole response. The documents sent this way stay inline: they are
     * malformed on purpose, or hashed as the exact text sent (persisted queries).
     */
    JsonNode post(String document) throws Exception {
        return post(Map.of("query", document));
    }

    JsonNode post(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    /** The tester with the test profile's ADMIN key, for mutations. */
    HttpGraphQlTester admin() {
        return graphQl.mutate().header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY).build();
    }

    static String code(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("code").asString();
    }

    @Test
    void aStockWithItsEtfsLargestFirstAndAnySpellingOfItsSymbol() {
        graphQl.documentName("stockWithEtfs").variable("symbol", "aapl").execute()
                .path("stock.symbol").entity(String.class).isEqualTo("AAPL")
                .path("stock.name").entity(String.class).isEqualTo("Apple Inc.")
                .path("stock.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLK", "DIA")
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(12.9)
                .path("stock.etfs.edges[0].node.etf.asOf").entity(String.class).isEqualTo("2025-11-14")
                .path("stock.universes[*].key").entityList(String.class).containsExactly("dow30");
        graphQl.documentName("stockWithEtfs").variable("symbol", "brk-b").execute()
                .path("stock.symbol").entity(String.class).isEqualTo("BRK.B")
                .path("stock.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLF");
        graphQl.documentName("stockSymbol").variable("symbol", "NOPE").execute().path("stock").valueIsNull();
    }

    @Test
    void stocksKeepTheOrderAskedForWithNullsForUnknownSymbols() {
        graphQl.documentName("stocksBySymbol").variable("symbols", List.of("MSFT", "NOPE", "BRK/B")).execute()
                .path("stocksBySymbol[0].symbol").entity(String.class).isEqualTo("MSFT")
                .path("stocksBySymbol[1]").valueIsNull()
                .path("stocksBySymbol[2].symbol").entity(String.class).isEqualTo("BRK.B");
    }

    @Test
    void holdingsPageByCursorLargestWeightFirst() {
        var first = graphQl.documentName("etfHoldings").variable("symbol", "DIA").variable("first", 3).execute();
        first.path("etf.holdingsCount").entity(Integer.class).isEqualTo(30)
                .path("etf.holdings.totalCount").entity(Integer.class).isEqualTo(30)
                .path("etf.holdings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("etf.holdings.edges[*].node.stock.symbol").entityList(String.class).containsExactly("GS", "CAT", "MSFT");
        String cursor = first.path("etf.holdings.pageInfo.endCursor").entity(String.class).get();
        graphQl.documentName("etfHoldings").variable("symbol", "DIA").variable("first", 2).variable("after", cursor).execute()
                .path("etf.holdings.edges[*].node.stock.symbol").entityList(String.class).containsExactly("HD", "AXP");
        graphQl.documentName("etfHoldings").variable("symbol", "DIA").variable("first", 100).variable("minWeight", 6).execute()
                .path("etf.holdings.totalCount").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void groupsAndTheirMembers() {
        graphQl.documentName("universeMembers").variable("key", "dow30").variable("first", 1).execute()
                .path("universe.name").entity(String.class).isEqualTo("Dow Jones Industrial Average")
                .path("universe.stocks.totalCount").entity(Integer.class).isEqualTo(30)
                .path("universe.stocks.edges[0].node.symbol").entity(String.class).isEqualTo("GS")
                .path("universe.stocks.edges[0].weight").entity(Double.class).isEqualTo(10.34);
        graphQl.documentName("themeStocks").variable("key", "crypto_miners").execute()
                .path("themes.edges[*].node.key").entityList(String.class).contains("crypto_miners", "payments")
                .path("theme.stocks.edges[*].node.symbol").entityList(String.class).hasSize(10).contains("MARA", "RIOT")
                .path("theme.stocks.edges[0].node.etfs.edges[0].node.etf.symbol").entity(String.class).isEqualTo("WGMI");
        graphQl.documentName("etfs").variable("first", 2).execute()
                .path("etfs.totalCount").entity(Integer.class).isEqualTo(13)
                .path("etfs.edges[*].node.symbol").entityList(String.class).containsExactly("DIA", "WGMI");
    }

    @Test
    void overlapExposureAndLookThrough() {
        graphQl.documentName("etfOverlap").variable("a", "XLK").variable("b", "DIA").execute()
                .path("etfOverlap.commonCount").entity(Integer.class).isEqualTo(6)
                .path("etfOverlap.overlapByCount").entity(Double.class).isEqualTo(0.6)
                .path("etfOverlap.overlapByWeight").entity(Double.class).isEqualTo(18.28)
                .path("etfOverlap.common.totalCount").entity(Integer.class).isEqualTo(6)
                .path("etfOverlap.common.edges[0].node.stock.symbol").entity(String.class).isEqualTo("MSFT");
        graphQl.documentName("exposure").variable("symbols", List.of("NVDA", "aapl", "NOPE")).execute()
                .path("exposure.stocks[2]").valueIsNull()
                .path("exposure.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLK", "DIA")
                .path("exposure.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(27.5);
        graphQl.documentName("lookThrough")
                .variable("etfs", List.of(new EtfWeight("XLK", 50), new EtfWeight("XLF", 50), new EtfWeight("NOPE", 0))).execute()
                .path("lookThrough.totalWeight").entity(Double.class).isEqualTo(100.0)
                .path("lookThrough.unknownEtfs").entityList(String.class).containsExactly("NOPE")
                .path("lookThrough.stocks.edges[0].node.stock.symbol").entity(String.class).isEqualTo("NVDA")
                .path("lookThrough.stocks.edges[0].node.weight").entity(Double.class).isEqualTo(7.3);
        graphQl.documentName("etfOverlap").variable("a", "XLK").variable("b", "NOPE").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "NOT_FOUND")));
    }

    @Test
    void documentErrorsAndPagingLimitsHaveCodes() throws Exception {
        // inline: each document is wrong on purpose (a wrong type, an unknown field, a page too large, a bad cursor, a syntax error)
        assertThat(code(post("{ stock(symbol: 5) { symbol } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ stock(symbol: \"AAPL\") { nope } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ etf(symbol: \"DIA\") { holdings(first: 100000) { totalCount } } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ etf(symbol: \"DIA\") { holdings(after: \"garbage\") { totalCount } } }"))).isEqualTo("VALIDATION");
        JsonNode syntax = post("{ stock(symbol: ");
        assertThat(code(syntax)).isEqualTo("VALIDATION");
        assertThat(syntax.toString()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void cacheStatsAndRefresh() {
        admin().documentName("refreshCache").variable("scope", "ALL").execute()
                .path("refreshCache.entries").entity(Long.class).isEqualTo(0L);
        graphQl.documentName("stockSymbol").variable("symbol", "MSFT").execute();
        graphQl.documentName("stockName").variable("symbol", "MSFT").execute(); // another document: the resolvers run, the cache hits
        graphQl.documentName("cacheStats").execute()
                .path("cacheStats.entries").entity(Long.class).satisfies(n -> assertThat(n).isPositive())
                .path("cacheStats.hitCount").entity(Long.class).satisfies(n -> assertThat(n).isPositive())
                .path("cacheStats.estimatedSizeBytes").entity(Long.class).satisfies(n -> assertThat(n).isPositive());
    }

    @Test
    void aNestedQueryOverFiftyStocksCostsABoundedNumberOfNeo4jQueries() {
        cache.evictAll();
        long before = graphReads.queries();
        graphQl.documentName("universeStockDetails").variable("key", "dow30").execute()
                .path("universe.stocks.edges").entityList(Object.class).hasSize(30);
        long queries = graphReads.queries() - before;
        // universe; its 30 stocks in one batch; their ETFs, themes, universes, sectors in one batch each
        assertThat(queries).isLessThanOrEqualTo(6);
        long warm = graphReads.queries();
        // another document, so that the resolvers run (a kept whole response would not ask Neo4j either)
        graphQl.documentName("universeStockEtfs").variable("key", "dow30").execute();
        assertThat(graphReads.queries()).as("a warm cache asks Neo4j nothing").isEqualTo(warm);
    }

    @Test
    void persistedQueriesByHash() throws Exception {
        // inline: the hash is of the exact text sent
        String document = "{ stock(symbol: \"MSFT\") { symbol name } }";
        String hash = PersistedQueries.sha256(document);
        Map<String, Object> byHash = Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        assertThat(code(post(byHash))).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        JsonNode registered = post(Map.of("query", document, "extensions", byHash.get("extensions")));
        assertThat(registered.path("data").path("stock").path("symbol").asString()).isEqualTo("MSFT");
        JsonNode again = post(byHash);
        assertThat(again.path("data").path("stock").path("name").asString()).isEqualTo("Microsoft Corp.");
        JsonNode wrong = post(Map.of("query", "{ stats { etfs } }", "extensions", byHash.get("extensions")));
        assertThat(code(wrong)).isEqualTo("VALIDATION");
    }

    @Test
    void restEndpointsForScripts() throws Exception {
        JsonNode holdings = get("/api/relationships/etf/xlk/holdings?limit=2");
        assertThat(holdings.path("etf").asString()).isEqualTo("XLK");
        assertThat(holdings.path("holdings").path("totalCount").asInt()).isEqualTo(10);
        assertThat(holdings.path("holdings").path("items").path(0).path("symbol").asString()).isEqualTo("NVDA");
        assertThat(holdings.path("holdings").path("nextOffset").asInt()).isEqualTo(2);
        assertThat(get("/api/relationships/stock/BRK-B/info").path("symbol").asString()).isEqualTo("BRK.B");
        assertThat(get("/api/relationships/theme/payments/members").path("members").path("totalCount").asInt()).isEqualTo(3);
        assertThat(get("/api/relationships/stats").path("securities").asInt()).isPositive();
        assertThat(get("/admin/cache/stats").has("hitRate")).isTrue();
        assertThat(status("/api/relationships/stock/NOPE/info")).isEqualTo(404);
        assertThat(get("/v3/api-docs").path("paths").has("/api/relationships/etf/{symbol}/holdings")).isTrue();
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
