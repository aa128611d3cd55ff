package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the running service with its default limits. */
@IntegrationTest
class GraphQlLimitsTest {

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    JsonNode post(String document) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document)))).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    void assertRefused(JsonNode response, String messagePart) {
        assertThat(response.path("errors")).as(response.toString()).hasSize(1);
        JsonNode error = response.path("errors").get(0);
        assertThat(error.path("extensions").path("code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(error.path("message").asString()).contains(messagePart);
        assertThat(response.path("data").isMissingNode() || response.path("data").isNull()).as("nothing ran").isTrue();
    }

    @Test
    void theStandardQueriesOfTheBenchmarkPass() throws Exception {
        for (String query : new String[]{
                "{ stock(symbol:\"AAPL\") { sector { name } etfs { edges { node { weight etf { symbol } } } } } }",
                "{ stock(symbol:\"AAPL\") { etfs { edges { node { etf { symbol holdings(first: 10) { edges { node { weight stock { symbol sector { name } } } } } } } } } } }",
                "{ etf(symbol:\"XLK\") { holdings(first: 1000) { edges { node { weight stock { symbol name sector { name } } } } } } }",
                "{ sector(key:\"information_technology\") { stocks(first: 50) { edges { node { symbol etfs { edges { node { weight etf { symbol } } } } } } } } }",
                "{ search(text: \"app\", first: 10) { kind match node { id } label { text matched } name { text matched } } }"}) {
            JsonNode response = post(query);
            assertThat(response.path("errors").isMissingNode()).as(query + " → " + response).isTrue();
        }
    }

    @Test
    void graphiqlsIntrospectionQueryPasses() throws Exception {
        JsonNode response = post("""
                { __schema { queryType { name } types { name kind fields(includeDeprecated: true) { name args { name type { ...T } }
                  type { ...T } } } } }
                fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
                  ofType { kind name ofType { kind name ofType { kind name } } } } } } } }""");
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        assertThat(response.path("data").path("__schema").path("types").size()).isGreaterThan(20);
    }

    @Test
    void aQueryNestedTooDeepIsRefusedBeforeItRuns() throws Exception {
        String hop = "etfs { edges { node { etf { holdings(first: 1) { edges { node { stock { ";
        String close = " } } } } } } } }";
        String document = "{ stock(symbol:\"AAPL\") { " + hop.repeat(2) + "symbol" + close.repeat(2) + " } }";
        assertRefused(post(document), "nested 18 fields deep; at most 15");
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        String aliases = IntStream.range(0, 60).mapToObj(i -> "a" + i + ": symbol").collect(Collectors.joining(" "));
        assertRefused(post("{ stock(symbol:\"AAPL\") { " + aliases + " } }"), "uses 60 aliases; at most 50");
    }

    /** Every ETF, each holding's ETFs, and their holdings: 13 × 36 × 13 × 36 on the sample catalog. */
    static final String EVERY_HOLDING_OF_EVERY_HOLDERS_ETF = """
            { etfs(first: 1000) { edges { node { holdings(first: 1000) { edges { node { stock { etfs(first: 1000) { edges { node {
              etf { holdings(first: 1000) { edges { node { weight } } } } } } } } } } } } } } }""";

    @Test
    void anExpensiveQueryIsRefusedWithItsEstimateAndTheLimit() throws Exception {
        JsonNode response = post(EVERY_HOLDING_OF_EVERY_HOLDERS_ETF);
        assertRefused(response, "; at most 50,000 is allowed");
        assertThat(response.path("errors").get(0).path("message").asString())
                .containsPattern("complexity \\(its estimated cost\\) is [1-9][0-9]{0,2}(,[0-9]{3})+;")
                .doesNotContain("50,001").doesNotContain("over 50");
    }

    @Test
    void pagesAreCostedByWhatTheCatalogHoldsNotByTheSizeAskedFor() throws Exception {
        for (String query : new String[]{
                "{ sectors { key stocks(first: 1000) { edges { node { symbol name } } } } }",
                "{ etfs(first: 100) { edges { node { symbol holdings(first: 1000) { edges { node { weight stock { symbol } } } } } } } }",
                "{ universes { stocks(first: 1000) { edges { node { symbol etfs(first: 1000) { edges { node { weight etf { symbol } } } } } } } } }"}) {
            JsonNode response = post(query);
            assertThat(response.path("errors").isMissingNode()).as(query + " → " + response).isTrue();
        }
    }

    @Test
    void theEstimateFollowsTheCatalogsSizesAfterALoad() throws Exception {
        long before = estimate(post(EVERY_HOLDING_OF_EVERY_HOLDERS_ETF));
        // XLK grows to 80 holdings (stocks the catalog knows), more than any ETF of the sample
        JsonNode known = post("{ etfs(first: 20) { edges { node { holdings(first: 100) { edges { node { stock { symbol } } } } } } } }");
        String holdings = known.findValues("symbol").stream().map(JsonNode::asString).distinct().limit(80)
                .map(symbol -> symbol + ",1.25").collect(Collectors.joining("\n"));
        assertThat(holdings.lines()).hasSize(80);
        TestFiles files = TestFiles.create();
        try {
            var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                    new LoadRequest.FileSpec(files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\nsymbol,weight\n" + holdings + "\n"), null))));
            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long after = before;
            while (after == before && System.nanoTime() < deadline) {
                Thread.sleep(100); // the sizes are read again in the background after the sync's evictions
                after = estimate(post(EVERY_HOLDING_OF_EVERY_HOLDERS_ETF));
            }
            assertThat(after).isGreaterThan(before);
        } finally {
            assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");
        }
    }

    static long estimate(JsonNode refusal) {
        String message = refusal.path("errors").get(0).path("message").asString();
        Matcher figure = Pattern.compile("estimated cost\\) is ([0-9,]+);").matcher(message);
        assertThat(figure.find()).as(message).isTrue();
        return Long.parseLong(figure.group(1).replace(",", ""));
    }

    @Test
    void tooManyRootFieldsOrOperationsAreRefused() throws Exception {
        String roots = IntStream.range(0, 21).mapToObj(i -> "s" + i + ": stats { etfs }").collect(Collectors.joining(" "));
        assertRefused(post("{ " + roots + " }"), "21 root fields; at most 20");
        String operations = IntStream.range(0, 11).mapToObj(i -> "query Q" + i + " { stats { etfs } }").collect(Collectors.joining("\n"));
        JsonNode response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", operations, "operationName", "Q0"))))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().transform(json::readTree);
        assertRefused(response, "holds 11 operations; at most 10");
    }

    @Test
    void aPageLargerThanTheMaximumIsRefusedWithTheLimit() throws Exception {
        JsonNode response = post("{ etf(symbol:\"XLK\") { holdings(first: 5000) { totalCount } } }");
        assertThat(response.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(response.path("errors").get(0).path("message").asString()).contains("at most 1000");
    }
}
