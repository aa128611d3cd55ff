package io.relationships.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.support.GraphQlHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argument a client can get wrong is refused as VALIDATION with a plain message, before anything runs:
 * never INTERNAL, never a Java exception's words.
 */
@IntegrationTest
class ArgumentValidationTest {

    @LocalServerPort
    int port;
    GraphQlHttp admin;

    @BeforeEach
    void client() {
        admin = GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY);
    }

    static JsonNode firstError(JsonNode response) {
        return response.path("errors").path(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ loadRun(id: \"abc\") { id } }",
            "{ loadRun(id: \"-3\") { id } }",
            "mutation { rollbackLoad(id: \"abc\") { id } }",
            "mutation { revokeApiKey(id: \"abc\") { id } }",
            "{ graphSyncRun(id: \"1e9\") { id } }",
            "{ loadRunsDiff(from: \"x\", to: \"2\") { totalCount } }",
            "{ graphSyncRuns(first: -1) { id } }",
            "{ qualityHistory(first: -1) { totalCount } }",
            "{ stock(symbol: \"AAPL\") { etfs(first: -1) { totalCount } } }",
            "{ stock(symbol: \"AAPL\") { etfs(first: 2, last: 2) { totalCount } } }",
            "{ stock(symbol: \"AAPL\") { etfs(after: \"bm90IGEgY3Vyc29y\") { totalCount } } }",
            "{ etf(symbol: \"XLK\") { holdings(orderBy: SYMBOL, after: \"WyJob2xkaW5nczpXRUlHSFQiLDE0LjYsIk5WREEiXQ\") { totalCount } } }",
            "{ etfOverlap(a: \"XLK\", b: \"XLC\") { common(first: -1) { totalCount } } }",
            "{ lookThrough(etfs: [{symbol: \"XLK\", weight: 50}]) { stocks(last: -1) { totalCount } } }",
            "{ node(id: \"not an id\") { id } }",
            "{ search(text: \"a\", first: 51) { kind } }",
            "{ lookThrough(etfs: [{symbol: \"XLK\", weight: 1e308}]) { totalWeight } }",
            "{ lookThrough(etfs: [{symbol: \"XLK\", weight: -5}]) { totalWeight } }"})
    void aBadArgumentIsAValidationErrorWithAPlainMessage(String document) {
        JsonNode error = firstError(admin.post(document));

        assertThat(error.path("extensions").path("code").asString()).as(document + " → " + error).isEqualTo("VALIDATION");
        assertThat(error.path("message").asString()).doesNotContain("Exception").doesNotContain("fromIndex").doesNotContain("java.");
    }

    @Test
    void aLongListArgumentCountsInTheComplexityBudget() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            symbols.add("S" + i);
        }
        List<Map<String, Object>> portfolio = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            portfolio.add(Map.of("symbol", "E" + i, "weight", 0.001));
        }

        JsonNode exposure = firstError(admin.post("query($s: [String!]!) { exposure(symbols: $s) { etfs { edges { node { weight } } } } }", Map.of("s", symbols)));
        JsonNode lookThrough = firstError(admin.post("query($p: [EtfWeightInput!]!) { lookThrough(etfs: $p) { totalWeight } }",
                Map.of("p", portfolio)));

        assertThat(exposure.path("extensions").path("code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(lookThrough.path("extensions").path("code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(exposure.path("message").asString()).contains("list argument");
        // a basket of a realistic size still answers
        assertThat(admin.post("{ exposure(symbols: [\"AAPL\", \"MSFT\", \"NVDA\"]) { etfs { edges { node { weight } } } } }").path("errors").isMissingNode()).isTrue();
    }
}
