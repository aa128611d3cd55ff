package io.relationships.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History over HTTP goes by the files' as-of dates, as people date holdings (a file as of D is what the fund held on
 * D), with the time of loading as a second axis ({@code knownAt}); and it is asked from the ETF's side, the stock's
 * and the universe's.
 */
@RestoresSampleData
class HistoryAsOfTest extends SampleCatalogHttpTest {

    static final String HOLDINGS_AS_OF = """
            query($etf: String!, $date: Date!, $knownAt: DateTime) { etf(symbol: $etf) { holdingsAsOf(date: $date, knownAt: $knownAt) {
              totalCount edges { node { weight stock { symbol } } } } } }""";

    @Autowired
    JdbcClient jdbc;

    /** {@code SYMBOL=weight} of a connection of holdings or ETF exposures, in its order. */
    static List<String> weights(JsonNode connection, String end) {
        List<String> weights = new ArrayList<>();
        connection.path("edges").forEach(e -> weights.add(e.path("node").path(end).path("symbol").asString() + "="
                + e.path("node").path("weight").asString()));
        return weights;
    }

    List<String> asOf(String etf, String date, String knownAt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("etf", etf);
        variables.put("date", date);
        variables.put("knownAt", knownAt);
        return weights(http.data(HOLDINGS_AS_OF, variables).path("etf").path("holdingsAsOf"), "stock");
    }

    /** Loads a fund of this test's own (no other test loads it, so its history is this test's alone). */
    LoadRunRecord load(String etf, String asOf, String rows) {
        return catalog.load(RunKind.ETF_HOLDINGS, files.write(etf + ".csv",
                "# fund: " + etf + "\n# as_of: " + asOf + "\n# holdings: top\nsymbol,weight\n" + rows), null);
    }

    @Test
    void theDayAFileIsDatedFindsItsHoldings() {
        JsonNode etf = http.data("{ etf(symbol: \"XLK\") { asOf holdingsCount } }", Map.of()).path("etf");
        assertThat(etf.path("asOf").asString()).isEqualTo("2025-11-14");
        assertThat(asOf("XLK", "2025-11-14", null)).as("the sample's own date, on a fresh catalog as after any test")
                .hasSize(etf.path("holdingsCount").asInt()).startsWith("NVDA=14.6", "AAPL=12.9");
    }

    @Test
    void historyGoesByTheFilesDatesAndLoadTimeIsTheSecondAxis() throws Exception {
        load("ZZH", "2026-03-20", "NVDA,20\nZZQH,5\n");
        Thread.sleep(20);
        String between = jdbc.sql("select now()").query(OffsetDateTime.class).single().toString();
        Thread.sleep(20);
        load("ZZH", "2026-03-17", "NVDA,18\nAAPL,12\n"); // a late file for an earlier day

        assertThat(weights(http.data("{ etf(symbol: \"ZZH\") { holdings { edges { node { weight stock { symbol } } } } } }", Map.of())
                .path("etf").path("holdings"), "stock")).as("the catalog: the file loaded last").containsExactly("NVDA=18.0", "AAPL=12.0");
        assertThat(asOf("ZZH", "2026-03-16", null)).as("before its first date").isEmpty();
        assertThat(asOf("ZZH", "2026-03-18", null)).as("the late file is what it held on its day").containsExactly("NVDA=18.0", "AAPL=12.0");
        assertThat(asOf("ZZH", "2026-03-21", null)).as("the file dated last, though loaded first").containsExactly("NVDA=20.0", "ZZQH=5.0");
        assertThat(asOf("ZZH", "2026-03-21", between)).as("as known before the late file came").containsExactly("NVDA=20.0", "ZZQH=5.0");
        assertThat(asOf("ZZH", "2026-03-18", between)).as("as known then, nothing was dated that early").isEmpty();

        JsonNode nvda = http.data("""
                { stock(symbol: "NVDA") {
                    on18: etfsAsOf(date: "2026-03-18") { edges { node { weight etf { symbol } } } }
                    on21: etfsAsOf(date: "2026-03-21") { edges { node { weight etf { symbol } } } } } }""", Map.of()).path("stock");
        assertThat(weights(nvda.path("on18"), "etf")).contains("ZZH=18.0", "DIA=2.45");
        assertThat(weights(nvda.path("on21"), "etf")).contains("ZZH=20.0", "DIA=2.45");

        JsonNode changes = http.data("{ etf(symbol: \"ZZH\") { changes(since: \"2026-03-18\") { totalCount edges { node { symbol change asOf } } } } }",
                Map.of()).path("etf").path("changes");
        assertThat(changes.path("edges").findValuesAsString("asOf")).as("changes from files dated on or after `since` only")
                .hasSize(2).containsOnly("2026-03-20");
        assertThat(changes.path("edges").findValuesAsString("symbol")).containsExactlyInAnyOrder("NVDA", "ZZQH");
    }

    @Test
    void aRolledBackFileIsNotHistory() {
        load("ZZR", "2026-03-10", "NVDA,10\n");
        catalog.rollBack(load("ZZR", "2026-03-12", "NVDA,99\n"));
        assertThat(asOf("ZZR", "2026-03-13", null)).containsExactly("NVDA=10.0");
    }

    @Test
    void aUniversesMembersOnADayAndAFileWithoutADateCountsAsOfItsLoad() {
        JsonNode dow = http.data("""
                { universe(key: "dow30") { stockCount
                    onItsDay: stocksAsOf(date: "2025-11-14", first: 2) { totalCount edges { weight node { symbol } } }
                    before: stocksAsOf(date: "2025-11-13") { totalCount } } }""", Map.of()).path("universe");
        assertThat(dow.path("onItsDay").path("totalCount").asInt()).isEqualTo(dow.path("stockCount").asInt()).isEqualTo(30);
        assertThat(dow.path("onItsDay").path("edges").path(0).path("node").path("symbol").asString()).isEqualTo("GS");
        assertThat(dow.path("onItsDay").path("edges").path(0).path("weight").asDouble()).isEqualTo(10.34);
        assertThat(dow.path("before").path("totalCount").asInt()).isZero();

        catalog.load(RunKind.UNIVERSES, files.write("undated.csv", "symbol,weight\nAAPL,60\nMSFT,40\n"), "zzundated");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode zz = http.data("query($today: Date!, $yesterday: Date!) { universe(key: \"zzundated\") { "
                + "today: stocksAsOf(date: $today) { totalCount } yesterday: stocksAsOf(date: $yesterday) { totalCount } } }",
                Map.of("today", today.toString(), "yesterday", today.minusDays(1).toString())).path("universe");
        assertThat(zz.path("today").path("totalCount").asInt()).as("a file without a date counts as of the day it was loaded").isEqualTo(2);
        assertThat(zz.path("yesterday").path("totalCount").asInt()).isZero();
    }
}
