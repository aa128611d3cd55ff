package io.relationships.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogSearch;
import io.relationships.catalog.CatalogSearch.Hit;
import io.relationships.catalog.CatalogSearch.Kind;
import io.relationships.catalog.CatalogSearch.Match;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.SecurityFacts;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * {@link SearchController} alone, the catalog's search and the cache stubbed: hits keep the catalog's ranking, come
 * with their nodes (of the right GraphQL type) and the typed text marked, a hit the graph does not have yet is left
 * out, and the arguments are checked before the catalog is asked.
 */
@GraphQlTest(controllers = SearchController.class)
@Import(ControllerSlice.class)
class SearchControllerTest {

    static final Map<String, StockRow> STOCKS = Map.of("NVDA",
            new StockRow("NVDA", "NVIDIA Corp", "information_technology", "issuer", 1.0, null, List.of(), List.of(), List.of()));
    static final Map<String, GroupRow> ETFS = Map.of("NVDX",
            new GroupRow(GroupType.ETF, "NVDX", "T-Rex 2X Long NVIDIA Daily Target ETF", null, "REX", null, null, List.of()));

    @Autowired
    GraphQlTester graphQl;
    @MockitoBean
    CatalogSearch search;
    @MockitoBean
    RelationshipCache cache;
    @MockitoBean
    SecurityFacts facts; // the batch look-ups' other source, not asked by a search

    @BeforeEach
    void catalog() {
        when(cache.getStocks(any())).thenAnswer(call -> known(call.getArgument(0), STOCKS));
        when(cache.getGroups(eq(GroupType.ETF), any())).thenAnswer(call -> known(call.getArgument(1), ETFS));
    }

    private static <T> Map<String, T> known(Collection<String> keys, Map<String, T> all) {
        return keys.stream().filter(all::containsKey).collect(Collectors.toMap(Function.identity(), all::get));
    }

    @Test
    void hitsKeepTheCatalogsRankingWithTheirNodesAndTheTypedWordMarked() {
        when(search.search(eq("nvidia"), anySet(), anyInt())).thenReturn(List.of(
                new Hit(Kind.STOCK, "NVDA", "NVIDIA Corp", Match.NAME_WORD),
                new Hit(Kind.ETF, "NVDX", "T-Rex 2X Long NVIDIA Daily Target ETF", Match.NAME_WORD)));

        GraphQlTester.Response response = graphQl.documentName("search").variable("text", "nvidia").execute();

        response.path("search[*].kind").entityList(String.class).containsExactly("STOCK", "ETF")
                .path("search[*].node.__typename").entityList(String.class).containsExactly("Stock", "Etf")
                .path("search[0].node.symbol").entity(String.class).isEqualTo("NVDA")
                .path("search[1].node.name").entity(String.class).isEqualTo("T-Rex 2X Long NVIDIA Daily Target ETF");
        for (int i = 0; i < 2; i++) {
            List<Map<String, Object>> name = response.path("search[" + i + "].name").entity(List.class).get();
            assertThat(name.stream().map(piece -> (String) piece.get("text")).collect(Collectors.joining()))
                    .as("the pieces are the whole name").isEqualTo(i == 0 ? "NVIDIA Corp" : "T-Rex 2X Long NVIDIA Daily Target ETF");
            assertThat(name.stream().filter(piece -> (Boolean) piece.get("matched")).map(piece -> piece.get("text")))
                    .as("only the typed word is marked").containsExactly("NVIDIA");
        }
    }

    @Test
    void aSymbolPrefixMarksTheStartOfTheSymbol() {
        when(search.search(eq("nvd"), anySet(), anyInt())).thenReturn(List.of(new Hit(Kind.STOCK, "NVDA", "NVIDIA Corp", Match.SYMBOL_PREFIX)));

        graphQl.documentName("search").variable("text", "nvd").execute()
                .path("search[0].match").entity(String.class).isEqualTo("SYMBOL_PREFIX")
                .path("search[0].label[*].text").entityList(String.class).containsExactly("NVD", "A")
                .path("search[0].label[*].matched").entityList(Boolean.class).containsExactly(true, false);
    }

    @Test
    void aHitTheGraphDoesNotHaveYetIsLeftOutRatherThanAnsweredWithoutANode() {
        when(search.search(eq("new"), anySet(), anyInt())).thenReturn(List.of(
                new Hit(Kind.STOCK, "NEWCO", "Newly Listed Co", Match.SYMBOL_PREFIX),
                new Hit(Kind.STOCK, "NVDA", "NVIDIA Corp", Match.NAME_PREFIX)));

        graphQl.documentName("search").variable("text", "new").execute()
                .path("search[*].node.symbol").entityList(String.class).containsExactly("NVDA");
    }

    @Test
    void theKindsAndThePageSizeGoToTheCatalogAndTooManyHitsAreRefusedBeforeItIsAsked() {
        when(search.search(any(), anySet(), anyInt())).thenReturn(List.of());

        graphQl.documentName("search").variable("text", "xl").variable("first", 5).variable("kinds", List.of("ETF", "SECTOR")).execute()
                .path("search").entityList(Object.class).hasSize(0);
        verify(search).search("xl", EnumSet.of(Kind.ETF, Kind.SECTOR), 5);

        for (Map<String, Object> bad : List.of(Map.<String, Object>of("text", "xl", "first", SearchController.MAX_HITS + 1),
                Map.<String, Object>of("text", "x".repeat(SearchController.MAX_TEXT + 1)))) {
            GraphQlTester.Request<?> request = graphQl.documentName("search");
            bad.forEach(request::variable);
            request.execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).as(bad.toString()).containsEntry("code", "VALIDATION")));
        }
        verify(search, times(1)).search(any(), anySet(), anyInt()); // only the valid request reached the catalog
    }

    @Test
    void noHitsAskTheCacheForNothing() {
        when(search.search(any(), anySet(), anyInt())).thenReturn(List.of());

        graphQl.documentName("search").variable("text", "zzzz").execute().path("search").entityList(Object.class).hasSize(0);
        verifyNoInteractions(cache);
    }
}
