package io.relationships.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code search} over HTTP: the typeahead's tiers and order, case and accents, kinds, limits and the marked matches. */
class SearchTest extends SampleCatalogHttpTest {

    static final String SEARCH = """
            query($text: String!, $first: Int, $kinds: [SearchKind!]) { search(text: $text, first: $first, kinds: $kinds) {
              kind match node { id __typename ... on Stock { symbol } ... on Etf { symbol } ... on Group { key } }
              label { text matched } name { text matched } } }""";

    @Autowired
    JdbcClient jdbc;

    JsonNode search(String text, Integer first, List<String> kinds) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("text", text);
        variables.put("first", first);
        variables.put("kinds", kinds);
        return http.data(SEARCH, variables).path("search");
    }

    /** Each hit as {@code KIND:label:MATCH}. */
    static List<String> hits(JsonNode hits) {
        List<String> found = new ArrayList<>();
        hits.forEach(hit -> found.add(hit.path("kind").asString() + ":" + text(hit.path("label"), false) + ":" + hit.path("match").asString()));
        return found;
    }

    /** A hit's pieces joined, the matched ones in brackets (or the plain text). */
    static String text(JsonNode pieces, boolean marked) {
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(marked && p.path("matched").asBoolean() ? "[" + p.path("text").asString() + "]" : p.path("text").asString()));
        return text.toString();
    }

    @Test
    void theExactSymbolComesFirstThenSymbolsStartingWithTheTextThenNames() {
        assertThat(hits(search("xlk", null, null))).startsWith("ETF:XLK:SYMBOL");
        JsonNode aap = search("aap", null, null);
        assertThat(hits(aap)).containsExactly("STOCK:AAPL:SYMBOL_PREFIX");
        assertThat(text(aap.path(0).path("label"), true)).isEqualTo("[AAP]L");
        assertThat(aap.path(0).path("node").path("symbol").asString()).isEqualTo("AAPL");

        // a whole word of a name before a word's start: AMD's "Micro" before Microsoft
        JsonNode micro = search("micro", null, null);
        assertThat(hits(micro)).containsExactly("STOCK:AMD:NAME_WORD", "STOCK:MSFT:NAME_PREFIX");
        assertThat(text(micro.path(0).path("name"), true)).isEqualTo("Advanced [Micro] Devices Inc.");
        assertThat(text(micro.path(1).path("name"), true)).isEqualTo("[Micro]soft Corp.");
        // any spelling of a symbol
        assertThat(hits(search("brk/b", null, null))).startsWith("STOCK:BRK.B:SYMBOL");
    }

    @Test
    void groupsComeBeforeFundsBeforeStocksAndKindsNarrowTheSearch() {
        List<String> energy = hits(search("energy", 20, null));
        assertThat(energy.get(0)).isEqualTo("SECTOR:energy:SYMBOL");
        assertThat(energy).containsSubsequence("THEME:clean_energy:NAME_WORD", "ETF:XLE:NAME_WORD", "STOCK:CEG:NAME_WORD");
        assertThat(hits(search("energy", 20, List.of("STOCK")))).isNotEmpty().allSatisfy(hit -> assertThat(hit).startsWith("STOCK:"));
        assertThat(hits(search("info tech", null, null))).as("every word starts a word of the name")
                .containsExactly("SECTOR:information_technology:NAME_PREFIX");
        assertThat(hits(search("information technology", null, null))).as("a key written as words")
                .startsWith("SECTOR:information_technology:SYMBOL");
        // funds by their holdings: DIA holds 30, the sector funds 10 each (then by symbol)
        assertThat(hits(search("spdr", 3, List.of("ETF")))).containsExactly("ETF:DIA:NAME_WORD", "ETF:XLB:NAME_WORD", "ETF:XLC:NAME_WORD");
    }

    @Test
    void largerStocksFirstByMarketCap() {
        LoadRunRecord caps = catalog.load(RunKind.UNIVERSES, files.write("caps.csv", """
                symbol,name,market_cap
                CEG,"Constellation Energy Corp.",100000000000
                NEE,"NextEra Energy Inc.",150000000000
                D,"Dominion Energy Inc.",50000000000
                """), "zzcaps");
        try {
            assertThat(hits(search("energy", 3, List.of("STOCK"))))
                    .containsExactly("STOCK:NEE:NAME_WORD", "STOCK:CEG:NAME_WORD", "STOCK:D:NAME_WORD");
        } finally {
            catalog.rollBack(caps); // the market caps go with the run
        }
    }

    @Test
    void caseAndAccentsDoNotMatterAndTheOriginalIsMarked() {
        LoadRunRecord nestle = catalog.load(RunKind.ETF_HOLDINGS, files.write("ZZN.csv", """
                # fund: ZZN
                # as_of: 2025-11-14
                # holdings: top
                symbol,name,weight
                NSRGY,"Nestlé S.A.",10
                """), null);
        try {
            for (String text : List.of("nestle", "NESTLÉ", "Nestlé")) {
                JsonNode hit = search(text, null, List.of("STOCK")).path(0);
                assertThat(hit.path("node").path("symbol").asString()).as(text).isEqualTo("NSRGY");
                assertThat(text(hit.path("name"), true)).as(text).isEqualTo("[Nestlé] S.A.");
            }
            assertThat(text(search("nest", null, List.of("STOCK")).path(0).path("name"), true)).isEqualTo("[Nest]lé S.A.");
        } finally {
            catalog.rollBack(nestle);
        }
    }

    @Test
    void aHitIsANodeTheTypeaheadCanOpen() {
        JsonNode hit = search("payments", null, null).path(0);
        assertThat(hit.path("node").path("__typename").asString()).isEqualTo("Theme");
        JsonNode again = http.post("query($id: ID!) { node(id: $id) { ... on Theme { key name } } }",
                Map.of("id", hit.path("node").path("id").asString())).path("data").path("node");
        assertThat(again.path("key").asString()).isEqualTo("payments");
    }

    @Test
    void blankTextFindsNothingAndLimitsAreStated() {
        assertThat(search("", null, null)).isEmpty();
        assertThat(search(" -/ ", null, null)).isEmpty();
        assertThat(search("a", null, null)).hasSize(10);
        JsonNode tooLong = http.post(SEARCH, Map.of("text", "a".repeat(101)));
        assertThat(tooLong.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(tooLong.path("errors").path(0).path("message").asString()).contains("at most 100 characters");
        JsonNode tooMany = http.post(SEARCH, Map.of("text", "a", "first", 51));
        assertThat(tooMany.path("errors").path(0).path("message").asString()).contains("between 0 and 50");
    }

    @Test
    void theMigrationFoldsAccentsWithUnaccentWhereTheServerHasIt() {
        boolean available = jdbc.sql("select exists (select 1 from pg_available_extensions where name = 'unaccent')").query(Boolean.class).single();
        boolean installed = jdbc.sql("select exists (select 1 from pg_extension where extname = 'unaccent')").query(Boolean.class).single();
        assertThat(installed).isEqualTo(available);
        assertThat(jdbc.sql("select search_fold('Ærøskøbing Œuvre Nestlé')").query(String.class).single()).isEqualTo("aeroskobing oeuvre nestle");
    }
}
