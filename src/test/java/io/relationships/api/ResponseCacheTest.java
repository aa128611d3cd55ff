package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.relationships.IntegrationTest;
import io.relationships.cache.RelationshipCache;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ResponseCacheTest {

    @LocalServerPort
    int port;
    @Autowired
    RelationshipCache cache;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;

    final HttpClient http = HttpClient.newHttpClient();
    final TestFiles files = TestFiles.create();

    @BeforeEach
    void clean() {
        sync.syncNow(false, "test");
        cache.evictAll();
    }

    @AfterEach
    void restoreSample() {
        assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");
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

    @Test
    void operationalQueriesAreNeverKept() throws Exception {
        String query = "{ cacheStats { hitCount missCount } }";
        String first = post(query);
        post("{ stock(symbol: \"MSFT\") { name } }");
        post("{ stock(symbol: \"MSFT\") { symbol } }");
        assertThat(post(query)).isNotEqualTo(first);
    }
}
