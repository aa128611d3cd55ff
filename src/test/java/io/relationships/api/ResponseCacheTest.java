package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.relationships.IntegrationTest;
import io.relationships.cache.RelationshipCache;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RestoresSampleData
class ResponseCacheTest {

    @LocalServerPort
    int port;
    @Autowired
    RelationshipCache cache;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final TestFiles files = TestFiles.create();

    @BeforeEach
    void clean() {
        sync.syncNow(false, "test");
        cache.evictAll();
    }

    static String readSample(String file) throws Exception {
        return Files.readString(Path.of("data/holdings", file));
    }

    String post(String document) throws Exception {
        String body = "{\"query\": " + Json.quote(document) + "}";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aRepeatedQueryIsAnsweredWithoutRunningItAndInTheSameFieldOrder() throws Exception {
        String query = "{ stock(symbol: \"NVDA\") { symbol name etfs { edges { node { weight etf { symbol } } } } } }";
        String first = post(query);
        long lookups = cache.stats().hitCount() + cache.stats().missCount();
        String second = post(query);
        assertThat(second).isEqualTo(first).contains("\"weight\":14.6,\"etf\":{\"symbol\":\"XLK\"}");
        assertThat(cache.stats().hitCount() + cache.stats().missCount()).as("the resolvers did not run").isEqualTo(lookups);
    }

    @Test
    void aDataChangeDropsTheKeptAnswers() throws Exception {
        String query = "{ stock(symbol: \"NVDA\") { etfs { edges { node { weight etf { symbol } } } } } }";
        assertThat(post(query)).contains("14.6");
        var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                new LoadRequest.FileSpec(files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,23.25\n"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");
        assertThat(post(query)).contains("23.25").doesNotContain("14.6");
    }

    @Test
    void aChangeDropsOnlyTheAnswersThatReadWhatChanged() throws Exception {
        String untouched = "{ stock(symbol: \"XOM\") { symbol etfs { edges { node { weight etf { symbol } } } } } }";
        // the root reads DIA, which the load leaves alone; NVDA is read by a batch loader, nested
        String nested = "{ etf(symbol: \"DIA\") { holdings(first: 50) { edges { node { stock { symbol etfs { edges { node { weight etf { symbol } } } } } } } } } }";
        String xomBefore = post(untouched);
        String diaBefore = post(nested);
        assertThat(diaBefore).contains("\"weight\":14.6,\"etf\":{\"symbol\":\"XLK\"}");

        var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                new LoadRequest.FileSpec(files.write("XLK.csv", readSample("XLK.csv").replace("NVDA,\"NVIDIA Corp.\",14.6,", "NVDA,\"NVIDIA Corp.\",23.25,")), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        long lookups = cache.stats().hitCount() + cache.stats().missCount();
        assertThat(post(untouched)).isEqualTo(xomBefore);
        assertThat(cache.stats().hitCount() + cache.stats().missCount()).as("XOM's answer was kept: the resolvers did not run").isEqualTo(lookups);
        assertThat(post(nested)).as("the nested NVDA read by a batch loader tagged DIA's answer").contains("\"weight\":23.25,\"etf\":{\"symbol\":\"XLK\"}");
    }

    /**
     * {@code search} reads PostgreSQL's indexes, not the relationship cache: its answer read only the entries of the
     * hits it found. A load of XLE (which NVDA is not in) that adds a stock matching the text evicts XLE and its
     * members, none of them read by the answer; the answer must go all the same.
     */
    @Test
    void aLoadThatAddsAMatchingStockIsInTheNextSearchAnswer() throws Exception {
        String query = "{ search(text: \"nvidia\", kinds: [STOCK]) { node { ... on Stock { symbol name } } } }";
        String before = post(query);
        assertThat(before).contains("\"symbol\":\"NVDA\"").doesNotContain("NVQX");
        long lookups = cache.stats().hitCount() + cache.stats().missCount();
        assertThat(post(query)).isEqualTo(before);
        assertThat(cache.stats().hitCount() + cache.stats().missCount()).as("the search's answer was kept").isEqualTo(lookups);

        var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                new LoadRequest.FileSpec(files.write("XLE.csv", readSample("XLE.csv") + "NVQX,\"NVIDIA Quux Holdings\",0.5,Energy\n"), null))));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        assertThat(post(query)).contains("\"symbol\":\"NVDA\"").contains("{\"symbol\":\"NVQX\",\"name\":\"NVIDIA Quux Holdings\"}");
    }

    /**
     * The exchange a {@code stocks} filter asks for is the catalog's (PostgreSQL): a load of XLK that gives NVDA its
     * exchange evicts XLK and its members, but not the sector the answer read its candidates from; the answer must go
     * all the same.
     */
    @Test
    void aLoadThatGivesAStockItsExchangeIsInTheNextFilteredAnswer() throws Exception {
        String query = "{ stocks(filter: { sector: \"information_technology\", exchange: \"QXNG\" }) { totalCount edges { node { symbol exchange } } } }";
        String before = post(query);
        assertThat(before).contains("\"totalCount\":0");
        assertThat(post(query)).isEqualTo(before);
        try {
            // the sample's rows with an exchange column: NVDA's is QXNG, the others' empty
            String withExchange = readSample("XLK.csv").lines()
                    .map(line -> line.startsWith("#") ? line : line.startsWith("symbol,") ? line + ",exchange" : line + (line.startsWith("NVDA,") ? ",QXNG" : ","))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertThat(withExchange).contains(",QXNG\n");
            var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                    new LoadRequest.FileSpec(files.write("XLK.csv", withExchange), null))));
            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");

            assertThat(post(query)).contains("\"totalCount\":1").contains("{\"symbol\":\"NVDA\",\"exchange\":\"QXNG\"}");
        } finally {
            // a full load keeps the first exchange a file gave: take it back, so that the sample is the sample again
            jdbc.sql("update securities set exchange = null where exchange = 'QXNG'").update();
        }
    }

    @Test
    void operationalQueriesAreNeverKept() throws Exception {
        String query = "{ cacheStats { hitCount missCount } }";
        String first = post(query);
        post("{ stock(symbol: \"MSFT\") { name } }");
        post("{ stock(symbol: \"MSFT\") { symbol } }");
        assertThat(post(query)).isNotEqualTo(first);
    }
}
