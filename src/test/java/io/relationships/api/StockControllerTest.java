package io.relationships.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.relationships.cache.RelationshipCache;
import io.relationships.cache.RelationshipFilters;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.SecurityFacts;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * {@link StockController} alone, its cache stubbed: symbols in any spelling, answers in the order asked, and the
 * groups of many stocks looked up in one batch per kind.
 */
@GraphQlTest(controllers = StockController.class)
@Import(ControllerSlice.class)
class StockControllerTest {

    static final Map<String, StockRow> STOCKS = Map.of(
            "BRK.B", new StockRow("BRK.B", "Berkshire Hathaway", "financials", "curated", 1.0, "insurance",
                    List.of(new Weighted("XLF", 12.5), new Weighted("SPY", 1.6)), List.of(), List.of()),
            "XOM", new StockRow("XOM", "Exxon Mobil", "energy", "issuer", 0.9, null,
                    List.of(new Weighted("XLE", 22.0)), List.of("oil_majors"), List.of()));

    @Autowired
    GraphQlTester graphQl;
    @MockitoBean
    RelationshipCache cache;
    @MockitoBean
    RelationshipFilters filters;
    @MockitoBean
    SecurityFacts facts;

    @BeforeEach
    void catalog() {
        when(cache.getStocks(any())).thenAnswer(call -> known(call.getArgument(0), STOCKS));
        when(cache.getStock(any())).thenAnswer(call -> Optional.ofNullable(STOCKS.get((String) call.getArgument(0))));
        when(cache.getGroups(any(), any())).thenAnswer(call -> known(call.getArgument(1), Function.identity())
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new GroupRow(call.getArgument(0), e.getKey(), null, null, null, null, null, List.of()))));
    }

    private static <T> Map<String, T> known(Collection<String> keys, Map<String, T> all) {
        return keys.stream().filter(all::containsKey).collect(Collectors.toMap(Function.identity(), all::get));
    }

    private static Map<String, String> known(Collection<String> keys, Function<String, String> any) {
        return keys.stream().distinct().collect(Collectors.toMap(Function.identity(), any));
    }

    @Test
    void stocksAnswerInTheOrderAskedWithTheirGroupsInOneBatchPerKind() {
        graphQl.documentName("stockWithGroups").variable("symbols", List.of("xom", "NOPE", "brk/b")).execute()
                .path("stocksBySymbol[*].symbol").entityList(String.class).containsExactly("XOM", "BRK.B")
                .path("stocksBySymbol[1]").valueIsNull()
                .path("stocksBySymbol[0].etfCount").entity(Integer.class).isEqualTo(1)
                .path("stocksBySymbol[2].etfs.totalCount").entity(Integer.class).isEqualTo(2)
                .path("stocksBySymbol[2].etfs.edges[*].node.weight").entityList(Double.class).containsExactly(12.5)
                .path("stocksBySymbol[*].sector.key").entityList(String.class).containsExactly("energy", "financials")
                .path("stocksBySymbol[0].classification.source").entity(String.class).isEqualTo("issuer")
                .path("stocksBySymbol[2].classification.industry.key").entity(String.class).isEqualTo("insurance")
                .path("stocksBySymbol[0].themes[*].key").entityList(String.class).containsExactly("oil_majors");
        verify(cache, times(1)).getGroups(eq(GroupType.SECTOR), any());
        verify(cache, times(1)).getGroups(eq(GroupType.THEME), any());
    }

    @Test
    void textThatCannotBeASymbolIsAValidationError() {
        graphQl.document("{ stock(symbol: \"not a symbol!\") { symbol } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "VALIDATION")));
    }
}
