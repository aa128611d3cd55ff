package io.relationships.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP: stocks, ETFs and groups are {@code Node}s with global ids that {@code node(id:)} finds again, and the
 * figures the loaders read (market cap, exchange, identifiers; a holding's shares and market value; an ETF's total
 * weight) are fields.
 */
class NodesAndFiguresTest extends SampleCatalogHttpTest {

    @Test
    void everyStockEtfAndGroupHasAGlobalIdThatNodeFindsAgain() {
        JsonNode owners = http.data("""
                { stock(symbol: "AAPL") { id } etf(symbol: "XLK") { id } sector(key: "information_technology") { id }
                  theme(key: "payments") { id } universe(key: "dow30") { id } }""", Map.of());
        List<String> ids = new ArrayList<>();
        owners.forEach(owner -> ids.add(owner.path("id").asString()));
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]+"));
        String gone = new GlobalId("Stock", "NOPE").encode();
        List<String> asked = new ArrayList<>(ids);
        asked.add(gone);

        JsonNode nodes = http.data("""
                query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Stock { symbol } ... on Etf { symbol } ... on Group { key } } }""",
                Map.of("ids", asked)).path("nodes");

        assertThat(nodes.findValuesAsString("__typename")).containsExactly("Stock", "Etf", "Sector", "Theme", "Universe");
        assertThat(nodes.findValuesAsString("id")).containsExactlyElementsOf(ids);
        assertThat(nodes.path(0).path("symbol").asString()).isEqualTo("AAPL");
        assertThat(nodes.path(1).path("symbol").asString()).isEqualTo("XLK");
        assertThat(nodes.path(2).path("key").asString()).isEqualTo("information_technology");
        assertThat(nodes.path(5).isNull()).as("an id that finds nothing").isTrue();
        assertThat(http.data("query($id: ID!) { node(id: $id) { id } }", Map.of("id", ids.get(3))).path("node").path("id").asString())
                .as("stable: the same id again").isEqualTo(ids.get(3));
        JsonNode bad = http.post("{ node(id: \"%%%\") { id } }");
        assertThat(bad.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    }

    @Test
    void theFiguresTheLoadersReadAreFields() {
        LoadRunRecord run = catalog.load(RunKind.ETF_HOLDINGS, files.write("ZZF.csv", """
                        # fund: ZZF
                        # name: Figures Test Fund
                        # issuer: Test Issuer
                        # as_of: 2025-11-14
                        # holdings: top
                        symbol,name,weight,shares,market value,market cap,exchange,cusip,isin
                        ZZQF,"Figures Test Co.",60.5,1200,90000.5,25000000000,NASDAQ,123456789,US1234567890
                        AAPL,"Apple Inc.",20.25,300,60000,,,,
                        """), null);
        try {
            JsonNode etf = http.data("""
                    { etf(symbol: "ZZF") { name issuer asOf lastUpdated holdingsCount totalWeight
                        holdings { edges { node { weight shares marketValue stock { symbol marketCap exchange cusip isin } } } } } }""",
                    Map.of()).path("etf");
            assertThat(etf.path("name").asString()).isEqualTo("Figures Test Fund");
            assertThat(etf.path("issuer").asString()).isEqualTo("Test Issuer");
            assertThat(etf.path("asOf").asString()).isEqualTo("2025-11-14");
            assertThat(etf.path("lastUpdated").asString()).isNotEmpty();
            assertThat(etf.path("holdingsCount").asInt()).isEqualTo(2);
            assertThat(etf.path("totalWeight").asDouble()).isEqualTo(80.75);
            JsonNode first = etf.path("holdings").path("edges").path(0).path("node");
            assertThat(first.path("shares").asDouble()).isEqualTo(1200);
            assertThat(first.path("marketValue").asDouble()).isEqualTo(90000.5);
            assertThat(first.path("stock").path("marketCap").asDouble()).isEqualTo(25_000_000_000d);
            assertThat(first.path("stock").path("exchange").asString()).isEqualTo("NASDAQ");
            assertThat(first.path("stock").path("cusip").asString()).isEqualTo("123456789");
            assertThat(first.path("stock").path("isin").asString()).isEqualTo("US1234567890");
            JsonNode second = etf.path("holdings").path("edges").path(1).path("node");
            assertThat(second.path("stock").path("marketCap").isNull()).as("no market cap in any file").isTrue();

            JsonNode fromTheStock = http.data("{ stock(symbol: \"ZZQF\") { etfs { edges { node { etf { symbol } weight shares marketValue } } } } }",
                    Map.of()).path("stock").path("etfs").path("edges").path(0).path("node");
            assertThat(fromTheStock.path("etf").path("symbol").asString()).isEqualTo("ZZF");
            assertThat(fromTheStock.path("shares").asDouble()).as("the same holding from its other end").isEqualTo(1200);
            assertThat(fromTheStock.path("marketValue").asDouble()).isEqualTo(90000.5);
        } finally {
            catalog.rollBack(run); // not a reload: a rollback also gives AAPL its figures back
        }
    }
}
