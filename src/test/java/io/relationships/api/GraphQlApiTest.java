package io.relationships.api;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.cache.RelationshipCache;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The GraphQL contract over HTTP, against the sample data on the real engines. */
@IntegrationTest
@RestoresSampleData
class GraphQlApiTest {

    @Autowired
    HttpGraphQlTester graphQl;
    @Autowired
    LoadService loads;
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
    final TestFiles files = TestFiles.create();

    @BeforeEach
    void graphInStep() {
        sync.syncNow(false, "test");
    }

    /** Posts a document and returns the whole JSON response. */
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
        graphQl.document("""
                        { stock(symbol: "aapl") { symbol name etfCount etfs { edges { node { weight etf { symbol issuer asOf } } } }
                                                 universes { key } themes { key } } }""")
                .execute()
                .path("stock.symbol").entity(String.class).isEqualTo("AAPL")
                .path("stock.name").entity(String.class).isEqualTo("Apple Inc.")
                .path("stock.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLK", "DIA")
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(12.9)
                .path("stock.etfs.edges[0].node.etf.asOf").entity(String.class).isEqualTo("2025-11-14")
                .path("stock.universes[*].key").entityList(String.class).containsExactly("dow30");
        graphQl.document("{ stock(symbol: \"brk-b\") { symbol etfs { edges { node { etf { symbol } } } } } }").execute()
                .path("stock.symbol").entity(String.class).isEqualTo("BRK.B")
                .path("stock.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLF");
        graphQl.document("{ stock(symbol: \"NOPE\") { symbol } }").execute().path("stock").valueIsNull();
    }

    @Test
    void stocksKeepTheOrderAskedForWithNullsForUnknownSymbols() {
        graphQl.document("{ stocksBySymbol(symbols: [\"MSFT\", \"NOPE\", \"BRK/B\"]) { symbol } }").execute()
                .path("stocksBySymbol[0].symbol").entity(String.class).isEqualTo("MSFT")
                .path("stocksBySymbol[1]").valueIsNull()
                .path("stocksBySymbol[2].symbol").entity(String.class).isEqualTo("BRK.B");
    }

    @Test
    void holdingsPageByCursorLargestWeightFirst() {
        var first = graphQl.document("""
                        { etf(symbol: "DIA") { holdingsCount holdings(first: 3) { totalCount pageInfo { hasNextPage endCursor }
                                                                                  edges { cursor node { weight stock { symbol } } } } } }""")
                .execute();
        first.path("etf.holdingsCount").entity(Integer.class).isEqualTo(30)
                .path("etf.holdings.totalCount").entity(Integer.class).isEqualTo(30)
                .path("etf.holdings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("etf.holdings.edges[*].node.stock.symbol").entityList(String.class).containsExactly("GS", "CAT", "MSFT");
        String cursor = first.path("etf.holdings.pageInfo.endCursor").entity(String.class).get();
        graphQl.document("query($after: String) { etf(symbol: \"DIA\") { holdings(first: 2, after: $after) { edges { node { stock { symbol } } } } } }")
                .variable("after", cursor).execute()
                .path("etf.holdings.edges[*].node.stock.symbol").entityList(String.class).containsExactly("HD", "AXP");
        graphQl.document("{ etf(symbol: \"DIA\") { holdings(first: 100, minWeight: 6) { totalCount } } }").execute()
                .path("etf.holdings.totalCount").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void groupsAndTheirMembers() {
        graphQl.document("{ universe(key: \"dow30\") { name stockCount stocks(first: 1) { totalCount edges { weight node { symbol } } } } }")
                .execute()
                .path("universe.name").entity(String.class).isEqualTo("Dow Jones Industrial Average")
                .path("universe.stocks.totalCount").entity(Integer.class).isEqualTo(30)
                .path("universe.stocks.edges[0].node.symbol").entity(String.class).isEqualTo("GS")
                .path("universe.stocks.edges[0].weight").entity(Double.class).isEqualTo(10.34);
        graphQl.document("{ themes { edges { node { key stockCount } } } theme(key: \"crypto_miners\") { description stocks(first: 50) { edges { node { symbol etfs { edges { node { etf { symbol } } } } } } } } }")
                .execute()
                .path("themes.edges[*].node.key").entityList(String.class).contains("crypto_miners", "payments")
                .path("theme.stocks.edges[*].node.symbol").entityList(String.class).hasSize(10).contains("MARA", "RIOT")
                .path("theme.stocks.edges[0].node.etfs.edges[0].node.etf.symbol").entity(String.class).isEqualTo("WGMI");
        graphQl.document("{ etfs(first: 2) { totalCount pageInfo { hasNextPage } edges { node { symbol } } } }").execute()
                .path("etfs.totalCount").entity(Integer.class).isEqualTo(13)
                .path("etfs.edges[*].node.symbol").entityList(String.class).containsExactly("DIA", "WGMI");
    }

    @Test
    void overlapExposureAndLookThrough() {
        graphQl.document("{ etfOverlap(a: \"XLK\", b: \"DIA\") { commonCount overlapByCount overlapByWeight common(first: 1) { totalCount edges { node { stock { symbol } weightInA weightInB } } } } }")
                .execute()
                .path("etfOverlap.commonCount").entity(Integer.class).isEqualTo(6)
                .path("etfOverlap.overlapByCount").entity(Double.class).isEqualTo(0.6)
                .path("etfOverlap.overlapByWeight").entity(Double.class).isEqualTo(18.28)
                .path("etfOverlap.common.totalCount").entity(Integer.class).isEqualTo(6)
                .path("etfOverlap.common.edges[0].node.stock.symbol").entity(String.class).isEqualTo("MSFT");
        graphQl.document("{ exposure(symbols: [\"NVDA\", \"aapl\", \"NOPE\"]) { stocks { symbol } etfs { edges { node { etf { symbol } weight holdings { stock { symbol } } } } } } }")
                .execute()
                .path("exposure.stocks[2]").valueIsNull()
                .path("exposure.etfs.edges[*].node.etf.symbol").entityList(String.class).containsExactly("XLK", "DIA")
                .path("exposure.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(27.5);
        graphQl.document("{ lookThrough(etfs: [{symbol: \"XLK\", weight: 50}, {symbol: \"XLF\", weight: 50}, {symbol: \"NOPE\", weight: 0}]) { totalWeight unknownEtfs stocks(first: 1) { edges { node { stock { symbol } weight } } } } }")
                .execute()
                .path("lookThrough.totalWeight").entity(Double.class).isEqualTo(100.0)
                .path("lookThrough.unknownEtfs").entityList(String.class).containsExactly("NOPE")
                .path("lookThrough.stocks.edges[0].node.stock.symbol").entity(String.class).isEqualTo("NVDA")
                .path("lookThrough.stocks.edges[0].node.weight").entity(Double.class).isEqualTo(7.3);
        graphQl.document("{ etfOverlap(a: \"XLK\", b: \"NOPE\") { commonCount } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "NOT_FOUND")));
    }

    @Test
    void aDryRunMutationReturnsTheRunAtOnceAndItsDiffWhenDone() throws Exception {
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,12.9\nINTC,3\n");
        JsonNode started = post("mutation { loadEtfHoldings(mode: DRY_RUN, directory: \"" + files.directory() + "\") { id status kind mode trigger } }");
        assertThat(started.path("data").path("loadEtfHoldings").path("status").asString()).isIn("RUNNING", "SUCCEEDED");
        assertThat(started.path("data").path("loadEtfHoldings").path("trigger").asString()).isEqualTo("GRAPHQL");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();
        JsonNode run = awaitRun(id);
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode xlk = null;
        for (JsonNode edge : run.path("diff").path("edges")) {
            if (edge.path("node").path("groupKey").asString().equals("XLK")) {
                xlk = edge.path("node");
            }
        }
        assertThat(xlk).isNotNull();
        assertThat(xlk.path("added").toString()).contains("INTC");
        assertThat(xlk.path("reweighted").path(0).path("symbol").asString()).isEqualTo("NVDA");
        assertThat(xlk.path("reweighted").path(0).path("newWeight").asDouble()).isEqualTo(20.0);
        // a dry run wrote nothing
        graphQl.document("{ stock(symbol: \"INTC\") { symbol } }").execute().path("stock").valueIsNull();
    }

    JsonNode awaitRun(long id) throws Exception {
        JsonNode run = null;
        for (int i = 0; i < 200; i++) {
            run = post("{ loadRun(id: " + id + ") { id status error counts { added removed changed unchanged } files { edges { node { path status } } } "
                    + "findings { edges { node { code line column message } } } "
                    + "diff { edges { node { groupKey groupChange added removed reweighted { symbol oldWeight newWeight } } } } } }")
                    .path("data").path("loadRun");
            if (!run.path("status").asString().equals("RUNNING")) {
                return run;
            }
            Thread.sleep(50);
        }
        return run;
    }

    @Test
    void aLoadReachesQueriesAfterTheSyncAndHistoryRemembersWhatWasThere() throws Exception {
        graphQl.document("{ stock(symbol: \"NVDA\") { etfs { edges { node { etf { symbol } weight } } } } }").execute() // cache it
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(14.6);
        Thread.sleep(20);
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,21.5\nAAPL,12.9\n"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        graphQl.document("{ stock(symbol: \"NVDA\") { etfs { edges { node { etf { symbol } weight } } } } }").execute()
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(21.5);
        String ofThisRun = "etf.changes.edges[?(@.node.runId == '" + run.id() + "')].node";
        graphQl.document("{ etf(symbol: \"XLK\") { holdingsCount changes { edges { node { symbol change oldWeight newWeight asOf runId } } } } }").execute()
                .path("etf.holdingsCount").entity(Integer.class).isEqualTo(2)
                .path(ofThisRun + ".symbol").entityList(String.class).hasSize(10).contains("NVDA", "MSFT", "AAPL")
                .path(ofThisRun + ".asOf").entityList(String.class).satisfies(dates -> assertThat(dates).containsOnly("2025-11-20"))
                .path("etf.changes.edges[?(@.node.runId == '" + run.id() + "' && @.node.symbol == 'NVDA')].node.newWeight").entityList(Double.class).containsExactly(21.5)
                .path("etf.changes.edges[?(@.node.runId == '" + run.id() + "' && @.node.symbol == 'MSFT')].node.change").entityList(String.class).containsExactly("REMOVED");
        graphQl.document("query($d: Date!) { etf(symbol: \"XLK\") { holdingsAsOf(date: $d) { totalCount edges { node { stock { symbol } weight } } } } }")
                .variable("d", "2025-11-13").execute()
                .path("etf.holdingsAsOf.totalCount").entity(Integer.class).isEqualTo(0); // before the first file's date
    }

    @Test
    void theDiffBetweenTwoRunsOverHttp() throws Exception {
        long first = loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.FULL, Trigger.CLI, "test")).id();
        long last = loads.run(LoadRequest.of(RunKind.UNIVERSES, LoadMode.FULL, Trigger.CLI, "test")).id();
        JsonNode same = post("{ loadRunsDiff(from: " + first + ", to: " + last + ") { totalCount edges { node { groupKey added removed } } } }");
        assertThat(same.path("errors").isMissingNode()).as(same.toString()).isTrue();
        assertThat(same.path("data").path("loadRunsDiff").path("edges").isArray()).isTrue();
        assertThat(same.path("data").path("loadRunsDiff").path("edges")).as("reloading the same files changes nothing").isEmpty();
        assertThat(code(post("{ loadRunsDiff(from: 999998, to: 999999) { totalCount } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(post("{ loadRunsDiff(from: " + last + ", to: " + first + ") { totalCount } }"))).isEqualTo("VALIDATION");
    }

    @Test
    void rollbackErrorsHaveCodes() throws Exception {
        assertThat(code(post("mutation { rollbackLoad(id: 999999) { id } }"))).isEqualTo("NOT_FOUND");
        long dryRun = loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "test")).id();
        JsonNode refused = post("mutation { rollbackLoad(id: " + dryRun + ") { id } }");
        assertThat(code(refused)).isEqualTo("CONFLICT");
        assertThat(refused.path("errors").path(0).path("message").asString()).contains("dry run");
        JsonNode outside = post("mutation { loadEtfHoldings(directory: \"/etc\") { id } }");
        assertThat(code(outside)).isEqualTo("BAD_REQUEST");
        assertThat(outside.path("errors").path(0).path("message").asString()).contains("outside the data directory");
    }

    @Test
    void aRollbackMutationRestoresTheHoldings() throws Exception {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLE.csv", "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,40\n"), null))));
        JsonNode rollback = post("mutation { rollbackLoad(id: " + run.id() + ") { kind status rollbackOf { id status } counts { added removed changed } } }");
        assertThat(rollback.path("data").path("rollbackLoad").path("kind").asString()).isEqualTo("ROLLBACK");
        assertThat(rollback.path("data").path("rollbackLoad").path("rollbackOf").path("status").asString()).isEqualTo("ROLLED_BACK");
        assertThat(rollback.path("data").path("rollbackLoad").path("counts").path("added").asLong()).isEqualTo(9);
        sync.syncNow(false, "test");
        graphQl.document("{ etf(symbol: \"XLE\") { holdingsCount holdings(first: 1) { edges { node { weight } } } } }").execute()
                .path("etf.holdingsCount").entity(Integer.class).isEqualTo(10)
                .path("etf.holdings.edges[0].node.weight").entity(Double.class).isEqualTo(23.0);
    }

    @Test
    void documentErrorsAndPagingLimitsHaveCodes() throws Exception {
        assertThat(code(post("{ stock(symbol: 5) { symbol } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ stock(symbol: \"AAPL\") { nope } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ etf(symbol: \"DIA\") { holdings(first: 100000) { totalCount } } }"))).isEqualTo("VALIDATION");
        assertThat(code(post("{ etf(symbol: \"DIA\") { holdings(after: \"garbage\") { totalCount } } }"))).isEqualTo("VALIDATION");
        JsonNode syntax = post("{ stock(symbol: ");
        assertThat(code(syntax)).isEqualTo("VALIDATION");
        assertThat(syntax.toString()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void loadProgressStreamsOverServerSentEventsUntilTheRunEnds() throws Exception {
        for (int i = 0; i < 40; i++) {
            files.write("T" + i + ".csv", "# fund: T" + i + "\n# as_of: 2025-11-14\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        }
        JsonNode started = post("mutation { loadEtfHoldings(mode: DRY_RUN, directory: \"" + files.directory() + "\") { id } }");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();
        List<JsonNode> events = subscribe("subscription { loadProgress(runId: " + id + ") { runId phase filesTotal filesDone finished } }");
        assertThat(events).isNotEmpty();
        JsonNode last = events.get(events.size() - 1).path("data").path("loadProgress");
        assertThat(last.path("finished").asBoolean()).isTrue();
        assertThat(last.path("runId").asLong()).isEqualTo(id);
        assertThat(awaitRun(id).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    /** What GraphiQL sent when it ran a subscription it had not parsed yet: a clear error, not a serialised stream. */
    @Test
    void aSubscriptionSentAsAPlainHttpRequestIsToldHowToSubscribe() throws Exception {
        JsonNode started = post("mutation { loadEtfHoldings(mode: DRY_RUN) { id } }");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();

        JsonNode answer = post("subscription { loadProgress(runId: " + id + ") { phase finished } }");

        assertThat(answer.path("data").isNull() || answer.path("data").isMissingNode()).as(answer.toString()).isTrue();
        assertThat(answer.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("errors").path(0).path("message").asString()).contains("WebSocket").contains("text/event-stream");
        assertThat(answer.toString()).doesNotContain("upstreamPublisher");
        awaitRun(id);
    }

    @Test
    void syncGraphMutationAndItsProgress() throws Exception {
        JsonNode started = post("mutation { syncGraph { id status full } }");
        long id = started.path("data").path("syncGraph").path("id").asLong();
        List<JsonNode> events = subscribe("subscription { syncProgress(runId: " + id + ") { id status } }");
        assertThat(events.get(events.size() - 1).path("data").path("syncProgress").path("status").asString())
                .isIn("SUCCEEDED", "SKIPPED");
        graphQl.document("{ graphSync { phase lagChanges lastSyncedAt degraded lastRun { status } } }").execute()
                .path("graphSync.lagChanges").entity(Long.class).isEqualTo(0L)
                .path("graphSync.degraded").entity(Boolean.class).isEqualTo(false);
        admin().document("mutation { checkDrift { groups { groupKey } groupsChecked integrity } }").execute()
                .path("checkDrift.groups").entityList(Object.class).hasSize(0)
                .path("checkDrift.integrity").entity(Double.class).isEqualTo(1.0);
    }

    /** Reads a subscription's server-sent events until the stream completes. */
    List<JsonNode> subscribe(String document) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document)))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "next".equals(event)) {
                    events.add(json.readTree(line.substring(5)));
                } else if ("complete".equals(event)) {
                    break;
                }
            }
        }
        return events;
    }

    @Test
    void cacheStatsAndRefresh() {
        admin().document("mutation { refreshCache(scope: ALL) { entries } }").execute()
                .path("refreshCache.entries").entity(Long.class).isEqualTo(0L);
        graphQl.document("{ stock(symbol: \"MSFT\") { symbol } }").execute();
        graphQl.document("{ stock(symbol: \"MSFT\") { name } }").execute(); // another document: the resolvers run, the cache hits
        graphQl.document("{ cacheStats { hitCount missCount hitRate evictionCount estimatedSizeBytes entries } }").execute()
                .path("cacheStats.entries").entity(Long.class).satisfies(n -> assertThat(n).isPositive())
                .path("cacheStats.hitCount").entity(Long.class).satisfies(n -> assertThat(n).isPositive())
                .path("cacheStats.estimatedSizeBytes").entity(Long.class).satisfies(n -> assertThat(n).isPositive());
    }

    @Test
    void aNestedQueryOverFiftyStocksCostsABoundedNumberOfNeo4jQueries() {
        cache.evictAll();
        long before = graphReads.queries();
        graphQl.document("""
                        { universe(key: "dow30") { stocks(first: 50) { edges { node { symbol name sector { name } themes { key }
                          universes { key } etfs { edges { node { weight etf { symbol name holdingsCount } stock { symbol } } } } } } } } }""")
                .execute()
                .path("universe.stocks.edges").entityList(Object.class).hasSize(30);
        long queries = graphReads.queries() - before;
        // universe; its 30 stocks in one batch; their ETFs, themes, universes, sectors in one batch each
        assertThat(queries).isLessThanOrEqualTo(6);
        long warm = graphReads.queries();
        graphQl.document("{ universe(key: \"dow30\") { stocks(first: 50) { edges { node { symbol etfs { edges { node { etf { symbol } } } } } } } } }").execute();
        assertThat(graphReads.queries()).as("a warm cache asks Neo4j nothing").isEqualTo(warm);
    }

    @Test
    void persistedQueriesByHash() throws Exception {
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
