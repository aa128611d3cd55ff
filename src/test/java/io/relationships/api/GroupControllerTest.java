package io.relationships.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.execution.TypeResolutionParameters;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLSchema;
import io.relationships.cache.RelationshipCache;
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
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * {@link GroupController} alone, its cache stubbed: the {@code Group} interface's fields answer for every kind of
 * group, members are paged, and a page's stocks are one cache batch. Seconds, not an application.
 */
@GraphQlTest(controllers = GroupController.class)
@Import(ControllerSlice.class)
class GroupControllerTest {

    static final GroupRow ENERGY = new GroupRow(GroupType.SECTOR, "energy", "Energy", null, null, null, null,
            List.of(new Weighted("CVX", null), new Weighted("XOM", null)));
    static final GroupRow DOW = new GroupRow(GroupType.UNIVERSE, "dow30", "Dow Jones Industrial Average", null, null, null, null,
            List.of(new Weighted("GS", 11.2), new Weighted("MSFT", 7.0), new Weighted("CVX", 2.1)));

    @Autowired
    GraphQlTester graphQl;
    @Autowired
    GraphQlSource graphQlSource;
    @MockitoBean
    RelationshipCache cache;
    @MockitoBean
    SecurityFacts facts;

    @BeforeEach
    void catalog() {
        when(cache.getGroup(GroupType.SECTOR, "energy")).thenReturn(Optional.of(ENERGY));
        when(cache.getGroup(GroupType.UNIVERSE, "dow30")).thenReturn(Optional.of(DOW));
        when(cache.getStocks(any())).thenAnswer(call -> stocks(call.getArgument(0)));
    }

    private static Map<String, StockRow> stocks(Collection<String> symbols) {
        return symbols.stream().collect(Collectors.toMap(Function.identity(),
                symbol -> new StockRow(symbol, symbol + " Inc.", null, null, null, null, List.of(), List.of(), List.of())));
    }

    @Test
    void everyKindOfGroupAnswersTheInterfacesFields() {
        GraphQlTester.Response response = graphQl.documentName("groupMembers").variable("first", 2).execute();
        response.path("sector.__typename").entity(String.class).isEqualTo("Sector")
                .path("sector.stockCount").entity(Integer.class).isEqualTo(2)
                .path("sector.stocks.edges[*].node.symbol").entityList(String.class).containsExactly("CVX", "XOM")
                .path("sector.stocks.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path("universe.__typename").entity(String.class).isEqualTo("Universe")
                .path("universe.name").entity(String.class).isEqualTo("Dow Jones Industrial Average")
                .path("universe.stockCount").entity(Integer.class).isEqualTo(3)
                .path("universe.stocks.totalCount").entity(Integer.class).isEqualTo(3)
                .path("universe.stocks.edges[*].weight").entityList(Double.class).containsExactly(11.2, 7.0)
                .path("universe.stocks.edges[*].node.name").entityList(String.class).containsExactly("GS Inc.", "MSFT Inc.")
                .path("universe.stocks.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        // a page's stocks are one DataLoader batch: one cache call for all of them
        verify(cache).getStocks(argThat(symbols -> symbols.containsAll(List.of("GS", "MSFT"))));
        verify(cache).getStocks(argThat(symbols -> symbols.containsAll(List.of("CVX", "XOM"))));
    }

    @Test
    void aPageLargerThanAllowedIsAValidationError() {
        graphQl.documentName("groupMembers").variable("first", 100_000).execute()
                .errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                        .allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "VALIDATION")));
    }

    @Test
    void aGroupIsTheTypeItsRowSays() {
        GraphQLSchema schema = graphQlSource.schema();
        var resolver = schema.getCodeRegistry().getTypeResolver((GraphQLInterfaceType) schema.getType("Group"));
        for (var expected : Map.of(GroupType.SECTOR, "Sector", GroupType.INDUSTRY, "Industry", GroupType.THEME, "Theme",
                GroupType.UNIVERSE, "Universe").entrySet()) {
            GroupRow row = new GroupRow(expected.getKey(), "k", null, null, null, null, null, List.of());
            var environment = TypeResolutionParameters.newParameters().value(row).schema(schema).argumentValues(Map::of).build();
            assertThat(resolver.getType(environment).getName()).isEqualTo(expected.getValue());
        }
    }
}
