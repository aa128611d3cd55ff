package io.relationships.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits that act while a request runs, on a schema small enough to make them trip on purpose. */
class RunningLimitsTest {

    final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { items(count: Int!): [Item!]!  slow(millis: Int!): Int }
            type Item { id: Int! }"""), RuntimeWiring.newRuntimeWiring().type("Query", type -> type
            .dataFetcher("items", (DataFetcher<Object>) env -> IntStream.range(0, env.<Integer>getArgument("count"))
                    .mapToObj(i -> Map.of("id", i)).toList())
            .dataFetcher("slow", (DataFetcher<Object>) env -> {
                Thread.sleep(env.<Integer>getArgument("millis"));
                return 1;
            })).build());

    ExecutionResult run(ApiProperties.Limits limits, String document) {
        return GraphQL.newGraphQL(schema).instrumentation(new GraphQlLimits(limits, 50, 1000)).build().execute(document);
    }

    ApiProperties.Limits limits(Duration timeout, int maxResultFields) {
        return new ApiProperties.Limits(15, 1_000_000, 10, 50, 20, 10, timeout, maxResultFields);
    }

    @Test
    void aRequestPastItsTimeoutStopsWithOneTimeoutErrorAndNoData() {
        ExecutionResult result = run(limits(Duration.ofMillis(50), 1000), "{ a: slow(millis: 120) b: slow(millis: 10) c: slow(millis: 10) }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "TIMEOUT");
        assertThat(result.getErrors().get(0).getMessage()).contains("longer than 50 ms");
        assertThat((Object) result.getData()).isNull();
    }

    @Test
    void aResultLargerThanTheCapStopsWithOneError() {
        ExecutionResult result = run(limits(Duration.ofSeconds(10), 1000), "{ items(count: 5000) { id } }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "RESULT_TOO_LARGE");
        assertThat((Object) result.getData()).isNull();
    }

    @Test
    void withinBothLimitsTheAnswerIsWhole() {
        ExecutionResult result = run(limits(Duration.ofSeconds(10), 1000), "{ items(count: 500) { id } a: slow(millis: 1) }");
        assertThat(result.getErrors()).isEmpty();
        Map<String, Object> data = result.getData();
        assertThat((List<?>) data.get("items")).hasSize(500);
    }
}
