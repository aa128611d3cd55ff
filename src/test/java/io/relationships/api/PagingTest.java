package io.relationships.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.relationships.cache.RelationshipCache;
import io.relationships.load.RunKind;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One paging model, over HTTP: lists that can outgrow a page are connections, paged forward and backward with keyset
 * cursors that hold their item's sort key, so a walk through them survives a load landing in the middle of it.
 */
@RestoresSampleData
class PagingTest extends SampleCatalogHttpTest {

    static final String DIA_PAGE = """
            query($after: String) { etf(symbol: "DIA") { holdings(first: 5, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { stock { symbol } } } } } }""";

    @Autowired
    ApiProperties properties;
    @Autowired
    RelationshipCache cache;

    static List<String> symbols(JsonNode connection, String... path) {
        List<String> symbols = new ArrayList<>();
        for (JsonNode edge : connection.path("edges")) {
            JsonNode node = edge.path("node");
            for (String step : path) {
                node = node.path(step);
            }
            symbols.add(node.asString());
        }
        return symbols;
    }

    @Test
    void aWalkByKeysetCursorsNeitherSkipsNorRepeatsWhenALoadLandsMidWalk() throws Exception {
        JsonNode first = http.data(DIA_PAGE, Map.of()).path("etf").path("holdings");
        List<String> walked = new ArrayList<>(symbols(first, "stock", "symbol"));
        assertThat(walked).containsExactly("GS", "CAT", "MSFT", "HD", "AXP");

        // a new file: the two largest holdings (before the cursor) leave, two small ones (after it) come in
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("data/holdings/DIA.csv")));
        lines.removeIf(line -> line.startsWith("GS,") || line.startsWith("CAT,"));
        lines.add("ZZQA,\"Walk Test A\",0.3,Financials");
        lines.add("ZZQB,\"Walk Test B\",0.2,Industrials");
        catalog.load(RunKind.ETF_HOLDINGS, files.write("DIA.csv", String.join("\n", lines) + "\n"), null);

        String cursor = first.path("pageInfo").path("endCursor").asString();
        JsonNode page;
        do {
            page = http.data(DIA_PAGE, Map.of("after", cursor)).path("etf").path("holdings");
            walked.addAll(symbols(page, "stock", "symbol"));
            cursor = page.path("pageInfo").path("endCursor").asString();
        } while (page.path("pageInfo").path("hasNextPage").asBoolean());

        // every holding that stayed put comes once, after the cursor as before; the newcomers after it too
        assertThat(walked).doesNotHaveDuplicates()
                .containsSubsequence("GS", "CAT", "MSFT", "HD", "AXP", "SHW", "AMGN", "V", "UNH", "NKE", "VZ", "ZZQA", "ZZQB")
                .hasSize(5 + 25 + 2);
        assertThat(page.path("totalCount").asInt()).isEqualTo(30);
    }

    @Test
    void pagesGoBackwardWithLastAndBefore() {
        JsonNode forward = http.data("{ etf(symbol: \"DIA\") { holdings(first: 4) { pageInfo { endCursor } } } }", Map.of())
                .path("etf").path("holdings");
        JsonNode back = http.data("query($before: String) { etf(symbol: \"DIA\") { holdings(last: 2, before: $before) { "
                + "pageInfo { hasNextPage hasPreviousPage } edges { node { stock { symbol } } } } } }",
                Map.of("before", forward.path("pageInfo").path("endCursor").asString())).path("etf").path("holdings");
        assertThat(symbols(back, "stock", "symbol")).containsExactly("CAT", "MSFT");
        assertThat(back.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
        assertThat(back.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();

        JsonNode tail = http.data("{ etf(symbol: \"DIA\") { holdings(last: 3) { pageInfo { hasNextPage hasPreviousPage } "
                + "edges { node { stock { symbol } } } } } }", Map.of()).path("etf").path("holdings");
        assertThat(symbols(tail, "stock", "symbol")).containsExactly("KO", "NKE", "VZ");
        assertThat(tail.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();

        JsonNode runs = http.data("{ oldest: loadRuns(last: 1) { pageInfo { hasNextPage } edges { node { id } } } newest: loadRuns(first: 1) { "
                + "edges { node { id } } } }", Map.of());
        assertThat(runs.path("oldest").path("edges").path(0).path("node").path("id").asLong())
                .as("the last of a newest-first list is the oldest").isLessThan(runs.path("newest").path("edges").path(0).path("node").path("id").asLong());
        assertThat(runs.path("oldest").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void aListIsPagedInTheOrderAskedFor() {
        JsonNode bySymbol = http.data("{ etf(symbol: \"DIA\") { holdings(orderBy: SYMBOL, first: 3) { edges { node { stock { symbol } } } } } }", Map.of());
        assertThat(symbols(bySymbol.path("etf").path("holdings"), "stock", "symbol")).containsExactly("AAPL", "AMGN", "AMZN");

        JsonNode sector = http.data("""
                { sector(key: "information_technology") {
                    byName: stocks(orderBy: NAME, first: 10) { edges { node { name } } }
                    bySymbol: stocks(orderBy: SYMBOL, first: 10) { edges { node { symbol } } } } }""", Map.of()).path("sector");
        assertThat(symbols(sector.path("byName"), "name")).hasSize(10).startsWith("Advanced Micro Devices Inc.", "Apple Inc.")
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(symbols(sector.path("bySymbol"), "symbol")).hasSize(10).startsWith("AAPL", "AMD").isSorted();

        // a cursor of one order is refused by another, with a plain message
        String cursor = http.data("{ etf(symbol: \"DIA\") { holdings(first: 1) { pageInfo { endCursor } } } }", Map.of())
                .path("etf").path("holdings").path("pageInfo").path("endCursor").asString();
        JsonNode refused = http.post("query($c: String) { etf(symbol: \"DIA\") { holdings(orderBy: SYMBOL, after: $c) { totalCount } } }",
                Map.of("c", cursor));
        assertThat(refused.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(refused.path("errors").path(0).path("message").asString()).contains("not a cursor of this list in this order");
    }

    @Test
    void listsThatWereCutShortAreConnectionsNow() {
        JsonNode data = http.data("""
                { stock(symbol: "AAPL") { etfs(first: 1) { totalCount pageInfo { hasNextPage } edges { node { etf { symbol } } } } }
                  etfOverlap(a: "DIA", b: "XLK") { common(first: 2) { totalCount edges { node { stock { symbol } } } } }
                  exposure(symbols: ["AAPL", "MSFT"]) { etfs(first: 1) { totalCount edges { node { etf { symbol } } } } }
                  lookThrough(etfs: [{symbol: "XLK", weight: 100}]) { stocks(first: 2) { totalCount edges { node { stock { symbol } } } } } }""",
                Map.of());
        assertThat(data.path("stock").path("etfs").path("totalCount").asInt()).isEqualTo(2);
        assertThat(data.path("stock").path("etfs").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        assertThat(data.path("etfOverlap").path("common").path("totalCount").asInt()).isEqualTo(6);
        assertThat(data.path("exposure").path("etfs").path("totalCount").asInt()).isEqualTo(2);
        assertThat(symbols(data.path("lookThrough").path("stocks"), "stock", "symbol")).containsExactly("NVDA", "AAPL");
    }

    /** What the schema says of every connection field matches the service: the arguments, the default and the maximum. */
    @Test
    void everyConnectionPagesBothWaysAndSaysItsDefaultAndMaximum() {
        GraphQLSchema schema = ContractSchema.load();
        String stated = "Paged: " + properties.defaultPageSize() + " by default, at most " + properties.maxPageSize() + ".";
        List<String> connections = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer container && !type.getName().startsWith("__")) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    if (((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType())).getName().endsWith("Connection")) {
                        String name = type.getName() + "." + field.getName();
                        connections.add(name);
                        assertThat(field.getArguments()).as(name).extracting(GraphQLArgument::getName).contains("first", "after", "last", "before");
                        assertThat(String.valueOf(field.getDescription()).replaceAll("\\s+", " ")).as(name).contains(stated);
                    }
                }
            }
        }
        assertThat(connections).contains("Stock.etfs", "Etf.holdings", "Etf.holdingsAsOf", "Etf.changes", "Stock.etfsAsOf",
                "Universe.stocksAsOf", "EtfOverlap.common", "Exposure.etfs", "LookThrough.stocks", "Query.stocks", "LoadRun.findings");
    }

    @Test
    void aPageOfFundsReadsThatPagesFundsOnly() throws Exception {
        cache.evictAll();
        JsonNode etfs = http.data("{ etfs(first: 2) { totalCount edges { node { symbol holdingsCount } } } }", Map.of()).path("etfs");

        assertThat(etfs.path("totalCount").asInt()).isEqualTo(13);
        assertThat(symbols(etfs, "symbol")).hasSize(2);
        // each fund's row carries all its holdings: the list of symbols and the page's two rows, not all thirteen
        assertThat(cache.stats().entries()).isLessThanOrEqualTo(5);
    }
}
