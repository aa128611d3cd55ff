package io.relationships.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.relationships.IntegrationTest;
import io.relationships.cache.InstanceVisibility;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Queries over GET, as a browser, a CDN or a proxy sends them: answered like their POST, with validators from the data version. */
@IntegrationTest
class GetQueriesTest {

    static final String QUERY = "query Holdings($symbol: String!) { etf(symbol: $symbol) { symbol holdings(first: 3) { edges { node { weight } } } } }";

    @LocalServerPort
    int port;
    @Autowired
    InstanceVisibility visibility;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<String> get(Map<String, String> parameters, String... headers) throws Exception {
        String query = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?" + query)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    @Test
    void aQueryOverGetAnswersWhatItsPostAnswers() throws Exception {
        HttpResponse<String> get = get(params("query", QUERY, "variables", "{\"symbol\": \"xlk\"}", "operationName", "Holdings"));
        assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
        HttpResponse<String> post = post(json.writeValueAsString(Map.of("query", QUERY, "variables", Map.of("symbol", "xlk"), "operationName", "Holdings")));
        assertThat(json.readTree(get.body())).isEqualTo(json.readTree(post.body()));
        assertThat(json.readTree(get.body()).path("data").path("etf").path("holdings").path("edges")).hasSize(3);
    }

    @Test
    void anAnswerCarriesTheDataVersionAndIfNoneMatchGets304WithoutABody() throws Exception {
        Map<String, String> query = params("query", "{ stock(symbol: \"NVDA\") { symbol etfCount } }");
        HttpResponse<String> first = get(query);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"" + visibility.reflectsUpTo() + "-");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, no-cache"); // reads are open in the test profile
        assertThat(first.headers().allValues("Vary").toString()).contains("Accept").contains("Origin");
        assertThat(first.headers().firstValue("Pragma")).isEmpty();

        HttpResponse<String> again = get(query, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);

        HttpResponse<String> otherTag = get(query, "If-None-Match", "W/\"0-json\"");
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(first.body());
    }

    @Test
    void aLoadChangesTheVersionSoAKeptAnswerIsRefreshed() throws Exception {
        Map<String, String> query = params("query", "{ stock(symbol: \"NVDA\") { etfs { edges { node { weight etf { symbol } } } } } }");
        HttpResponse<String> before = get(query);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        TestFiles files = TestFiles.create();
        try {
            var run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(
                    new LoadRequest.FileSpec(files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,23.25\n"), null))));
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");
            HttpResponse<String> after = get(query, "If-None-Match", etag);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).contains("23.25");
            assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        } finally {
            assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");
        }
    }

    @Test
    void mutationsAndSubscriptionsAreRefusedOverGetBeforeAnythingRuns() throws Exception {
        for (String document : new String[]{"mutation { syncGraph { id } }", "subscription { syncProgress(runId: 1) { id } }",
                "query Q { stats { etfs } } mutation M { syncGraph { id } }"}) {
            HttpResponse<String> response = get(params("query", document, "operationName", document.startsWith("query") ? "Q" : ""),
                    "Authorization", "Bearer " + IntegrationTest.ADMIN_KEY);
            assertThat(response.statusCode()).as(document).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(json.readTree(response.body()).path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("BAD_REQUEST");
        }
        // a persisted mutation, asked for by its hash alone
        String mutation = "mutation { syncGraph { status } }";
        String hash = PersistedQueries.sha256(mutation);
        post(json.writeValueAsString(Map.of("query", mutation, "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))),
                "Authorization", "Bearer " + IntegrationTest.ADMIN_KEY);
        HttpResponse<String> byHash = get(params("extensions", "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}"),
                "Authorization", "Bearer " + IntegrationTest.ADMIN_KEY);
        assertThat(byHash.statusCode()).isEqualTo(405);
    }

    @Test
    void aPersistedQueryRunsOverGetByItsHashAlone() throws Exception {
        String query = "{ etf(symbol: \"DIA\") { symbol holdingsCount } }";
        String extensions = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + PersistedQueries.sha256(query) + "\"}}";
        JsonNode unknown = json.readTree(get(params("extensions", extensions)).body());
        assertThat(unknown.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        get(params("query", query, "extensions", extensions)); // registers it, as Apollo's client does on its second try
        HttpResponse<String> byHash = get(params("extensions", extensions));
        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(json.readTree(byHash.body()).path("data").path("etf").path("symbol").asString()).isEqualTo("DIA");
        assertThat(byHash.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void theEdgeChecksLimitsAndOperationalQueriesApplyAndAreNeverKept() throws Exception {
        HttpResponse<String> keys = get(params("query", "{ apiKeys { name } }"));
        assertThat(keys.statusCode()).isEqualTo(401);

        HttpResponse<String> tooComplex = get(params("query",
                "{ etfs(first: 1000) { edges { node { holdings(first: 1000) { edges { node { stock { etfs(first: 1000) { edges { node { etf {"
                        + " holdings(first: 1000) { edges { node { weight } } } } } } } } } } } } } } }"));
        assertThat(json.readTree(tooComplex.body()).path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(tooComplex.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(tooComplex.headers().firstValue("ETag")).isEmpty();

        HttpResponse<String> status = get(params("query", "{ graphSync { phase } }"));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(status.headers().firstValue("ETag")).isEmpty();

        HttpResponse<String> badVariables = get(params("query", QUERY, "variables", "[1, 2]"));
        assertThat(badVariables.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badVariables.body()).path("errors").path(0).path("message").asString()).contains("'variables'");
    }
}
