package io.relationships.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stocks(filter:)} and {@code etfs(filter:)} over HTTP: criteria that must all hold, orders and pages. */
class FiltersTest extends SampleCatalogHttpTest {

    static final String STOCKS = """
            query($filter: StockFilter, $orderBy: StockOrder, $first: Int) { stocks(filter: $filter, orderBy: $orderBy, first: $first) {
              totalCount pageInfo { hasNextPage } edges { node { symbol marketCap sector { key } } } } }""";

    JsonNode stocks(Map<String, Object> filter, String orderBy, Integer first) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("filter", filter);
        variables.put("orderBy", orderBy);
        variables.put("first", first);
        return http.data(STOCKS, variables).path("stocks");
    }

    static List<String> symbols(JsonNode connection) {
        List<String> symbols = new ArrayList<>();
        connection.path("edges").forEach(e -> symbols.add(e.path("node").path("symbol").asString()));
        return symbols;
    }

    @Test
    void everyCriterionGivenMustHold() {
        assertThat(symbols(stocks(Map.of("sector", "information_technology", "universe", "dow30"), null, null)))
                .containsExactly("AAPL", "CRM", "CSCO", "IBM", "MSFT", "NVDA");
        assertThat(symbols(stocks(Map.of("etf", "xlk", "theme", "semiconductors"), null, null))).containsExactly("AMD", "AVGO", "NVDA");
        assertThat(stocks(Map.of("sector", "no_such_sector"), null, null).path("totalCount").asInt()).isZero();
        assertThat(symbols(stocks(Map.of("sector", "Information Technology", "universe", "DOW30"), null, null)))
                .as("group keys in any case and spelling, as sector(key:) takes them").containsExactly("AAPL", "CRM", "CSCO", "IBM", "MSFT", "NVDA");

        JsonNode unclassified = stocks(Map.of("hasSector", false), null, 1000);
        JsonNode classified = stocks(Map.of("hasSector", true), null, 1000);
        JsonNode all = stocks(null, null, 1000);
        assertThat(unclassified.path("totalCount").asInt() + classified.path("totalCount").asInt()).isEqualTo(all.path("totalCount").asInt());
        unclassified.path("edges").forEach(e -> assertThat(e.path("node").path("sector").path("key").asString("unknown")).isEqualTo("unknown"));
        classified.path("edges").forEach(e -> assertThat(e.path("node").path("sector").path("key").asString()).isNotEqualTo("unknown"));
        assertThat(symbols(all)).isSorted();

        JsonNode page = stocks(Map.of("universe", "dow30"), null, 5);
        assertThat(page.path("totalCount").asInt()).isEqualTo(30);
        assertThat(page.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
    }

    @Test
    void byExchangeAndByMarketCap() {
        LoadRunRecord run = catalog.load(RunKind.UNIVERSES, files.write("listed.csv", """
                        symbol,name,market_cap,exchange
                        MSFT,"Microsoft Corp.",3800000000000,NASDAQ
                        AAPL,"Apple Inc.",4000000000000,NASDAQ
                        IBM,"International Business Machines Corp.",280000000000,New York Stock Exchange Inc.
                        """), "zzlisted");
        try {
            assertThat(symbols(stocks(Map.of("exchange", "nasdaq"), null, null))).contains("AAPL", "MSFT").doesNotContain("IBM");
            assertThat(symbols(stocks(Map.of("sector", "information_technology", "universe", "dow30"), "MARKET_CAP", 4)))
                    .as("largest first, those without a market cap last by symbol").containsExactly("AAPL", "MSFT", "IBM", "CRM");
            assertThat(symbols(stocks(Map.of("universe", "dow30"), "NAME", 3))).containsExactly("MMM", "AMZN", "AXP"); // 3M, Amazon, American Express
        } finally {
            catalog.rollBack(run); // the figures go with the run
        }
    }

    @Test
    void etfsByIssuerAndByAHolding() {
        JsonNode data = http.data("""
                { spdr: etfs(filter: { issuer: "state street global advisors" }) { totalCount edges { node { symbol } } }
                  berkshire: etfs(filter: { holdsSymbol: "brk-b" }) { edges { node { symbol } } }
                  both: etfs(filter: { issuer: "CoinShares", holdsSymbol: "MARA" }) { edges { node { symbol issuer } } }
                  neither: etfs(filter: { issuer: "CoinShares", holdsSymbol: "AAPL" }) { totalCount } }""", Map.of());
        assertThat(data.path("spdr").path("totalCount").asInt()).isEqualTo(12);
        assertThat(symbols(data.path("spdr"))).startsWith("DIA", "XLB").doesNotContain("WGMI");
        assertThat(symbols(data.path("berkshire"))).containsExactly("XLF");
        assertThat(symbols(data.path("both"))).containsExactly("WGMI");
        assertThat(data.path("neither").path("totalCount").asInt()).isZero();
    }
}
