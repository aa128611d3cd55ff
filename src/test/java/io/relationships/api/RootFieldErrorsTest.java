package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.relationships.IntegrationTest;
import io.relationships.support.GraphQlHttp;
import io.relationships.support.GraphQlWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** An error, or a key the catalog does not know, costs the field it is in and nothing else; every error has a code. */
@IntegrationTest
class RootFieldErrorsTest {

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    GraphQlHttp client() {
        return GraphQlHttp.on(port, null);
    }

    static void assertNotFoundAt(JsonNode response, String... path) {
        assertThat(response.path("errors")).as(response.toString()).hasSize(1);
        JsonNode error = response.path("errors").get(0);
        assertThat(error.path("extensions").path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error.path("path").valueStream().map(JsonNode::asString).toList()).containsExactly(path);
    }

    @Test
    void everyRootFieldIsNullableSoItsErrorStaysItsOwn() {
        GraphQLSchema schema = ContractSchema.load();
        for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())) {
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                assertThat(field.getType()).as(root.getName() + "." + field.getName()).isNotInstanceOf(GraphQLNonNull.class);
            }
        }
    }

    @Test
    void anUnknownEtfInAnOverlapNullsThatFieldAloneWithNotFound() {
        JsonNode response = client().post("{ etfOverlap(a: \"XLK\", b: \"NOPE\") { commonCount } stats { etfs } etf(symbol: \"NOPE\") { symbol } }");
        assertNotFoundAt(response, "etfOverlap");
        assertThat(response.path("errors").get(0).path("message").asString()).contains("NOPE");
        assertThat(response.path("data").path("etfOverlap").isNull()).isTrue();
        assertThat(response.path("data").path("stats").path("etfs").asInt()).isEqualTo(13);
        assertThat(response.path("data").path("etf").isNull()).as("an ETF asked for by itself is null, not an error").isTrue();
    }

    @Test
    void theSectorCoverageOfAnUnknownUniverseIsNotFoundAndTheRestOfTheQualityStands() {
        JsonNode response = client().post("{ dataQuality { status sectorCoverage(universe: \"nope\") { total unknownShare } integrity { integrity } } }");
        assertNotFoundAt(response, "dataQuality", "sectorCoverage");
        assertThat(response.path("data").path("dataQuality").path("sectorCoverage").isNull()).isTrue();
        assertThat(response.path("data").path("dataQuality").path("status").asString()).isNotBlank();
        assertThat(response.path("data").path("dataQuality").path("integrity").path("integrity").isNumber()).isTrue();

        JsonNode dow = client().post("{ dataQuality { sectorCoverage(universe: \"DOW30\") { total } } }");
        assertThat(dow.path("errors").isMissingNode()).as(dow.toString()).isTrue();
        assertThat(dow.path("data").path("dataQuality").path("sectorCoverage").path("total").asLong()).isEqualTo(30);
    }

    @Test
    void groupKeysAreFoundInAnyCaseAndSpellingAsSymbolsAre() throws Exception {
        JsonNode response = client().post("""
                { a: sector(key: "INFORMATION_TECHNOLOGY") { key } b: sector(key: "Information Technology") { key }
                  c: universe(key: "DOW30") { key stockCount } d: sector(key: "information-technology") { key } e: sector(key: "nope") { key } }""");
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        for (String alias : List.of("a", "b", "d")) {
            assertThat(response.path("data").path(alias).path("key").asString()).as(alias).isEqualTo("information_technology");
        }
        assertThat(response.path("data").path("c").path("stockCount").asInt()).isEqualTo(30);
        assertThat(response.path("data").path("e").isNull()).isTrue();

        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/relationships/sector/INFORMATION_TECHNOLOGY/stocks?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(json.readTree(rest.body()).path("key").asString()).isEqualTo("information_technology");
    }

    @Test
    void aSubscriptionToAnUnknownRunEndsWithNotFoundOverServerSentEvents() {
        for (String document : List.of("subscription { loadProgress(runId: 999999) { phase } }", "subscription { syncProgress(runId: 999999) { id } }")) {
            List<JsonNode> events = client().subscribe(document, Map.of());
            assertThat(events).as(document).hasSize(1);
            assertThat(events.get(0).path("errors").path(0).path("extensions").path("code").asString()).as(events.toString()).isEqualTo("NOT_FOUND");
            assertThat(events.get(0).path("errors").path(0).path("message").asString()).contains("999999");
        }
    }

    @Test
    void aSubscriptionToAnUnknownRunEndsWithNotFoundOverWebSocket() throws Exception {
        try (GraphQlWebSocket socket = GraphQlWebSocket.open(port)) {
            socket.subscribe("1", "subscription { loadProgress(runId: 999999) { phase } }");
            JsonNode message = socket.next();
            assertThat(message.path("type").asString()).as(message.toString()).isIn("error", "next");
            JsonNode errors = message.path("type").asString().equals("error") ? message.path("payload") : message.path("payload").path("errors");
            assertThat(errors.path(0).path("extensions").path("code").asString()).as(message.toString()).isEqualTo("NOT_FOUND");
        }
    }
}
