package io.relationships.api.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.relationships.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code production} profile as an operator would run it, and nothing of the test profile: only what a test
 * run cannot do without (the embedded engines, allowed explicitly, in a throw-away directory; a key to ask with) is
 * set here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "relationships.embedded.allow-in-production=true",
        "relationships.embedded.data-dir=target/test-engines-production",
        "relationships.embedded.ephemeral=true",
        "relationships.embedded.page-cache=64m",
        "relationships.security.bootstrap-api-key=" + IntegrationTest.ADMIN_KEY,
        // the one browser app the operator allows
        "relationships.api.cors.allowed-origins=" + ProductionProfileTest.APP})
@ActiveProfiles("production")
@ExtendWith(OutputCaptureExtension.class) // from before the context starts: the start-up banner is in it
class ProductionProfileTest {

    static final String APP = "https://app.example.com";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<String> graphql(String document, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsNeedAKey() throws Exception {
        assertThat(graphql("{ etfs(first: 1) { totalCount } }", null).statusCode()).isEqualTo(401);
        HttpResponse<String> withKey = graphql("{ etfs(first: 1) { totalCount } }", "Bearer " + IntegrationTest.ADMIN_KEY);
        assertThat(withKey.statusCode()).isEqualTo(200);
        // production seeds nothing: the catalog is empty until an operator loads it
        assertThat(json.readTree(withKey.body()).path("data").path("etfs").path("totalCount").asInt()).isZero();
    }

    @Test
    void introspectionGraphiqlAndFieldSuggestionsAreOff() throws Exception {
        JsonNode introspection = json.readTree(graphql("{ __schema { types { name } } }", "Bearer " + IntegrationTest.ADMIN_KEY).body());
        assertThat(introspection.path("data").path("__schema").isMissingNode() || introspection.path("data").path("__schema").isNull()).isTrue();
        assertThat(introspection.path("errors").isArray()).isTrue();
        assertThat(introspection.path("errors").size()).isPositive();

        JsonNode misspelt = json.readTree(graphql("{ stok(symbol: \"AAPL\") { symbol } }", "Bearer " + IntegrationTest.ADMIN_KEY).body());
        assertThat(misspelt.path("errors").path(0).path("message").asString()).contains("stok").doesNotContainIgnoringCase("did you mean");

        HttpResponse<String> graphiql = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).isEqualTo(404);
        assertThat(graphiql.body()).doesNotContainIgnoringCase("graphiql.min.js");
    }

    /** Keys of each role, made once for this context through the API (the bootstrap key is the ADMIN). */
    static final Map<Role, String> KEYS = new ConcurrentHashMap<>(Map.of(Role.ADMIN, IntegrationTest.ADMIN_KEY));

    String keyOf(EndpointAccess.Caller caller) {
        return caller.role == null ? null : KEYS.computeIfAbsent(caller.role, role -> {
            try {
                return json.readTree(graphql("mutation { createApiKey(name: \"production-" + role + "\", role: " + role + ") { key } }",
                        "Bearer " + IntegrationTest.ADMIN_KEY).body()).path("data").path("createApiKey").path("key").asString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The probe found ADMIN and OPERATOR keys refused where only a VIEWER's passed: the hierarchy was not applied. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("io.relationships.api.security.EndpointAccess#everyEndpointAndCaller")
    void everyRoleReachesWhatTheRolesItIncludesMay(EndpointAccess.Endpoint endpoint, EndpointAccess.Caller caller) throws Exception {
        EndpointAccess.check(port, endpoint, caller, keyOf(caller), false);
    }

    @Test
    void theSchemaIsNotPublishedWhenIntrospectionIsOff() throws Exception {
        for (String authorization : Arrays.asList(null, "Bearer " + IntegrationTest.ADMIN_KEY)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql/schema"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> schema = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(schema.statusCode()).as(authorization + " → " + schema.body()).isIn(401, 404);
            assertThat(schema.body()).doesNotContain("type Mutation").doesNotContain("type Query");
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPreflightNeedsNoCredentialsAndOnlyTheConfiguredOriginIsAllowed() throws Exception {
        for (String origin : List.of(APP, "http://localhost:5173")) {
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization, content-type"));
            assertThat(preflight.statusCode()).as(origin).isEqualTo(origin.equals(APP) ? 200 : 403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEqualTo(origin.equals(APP) ? Optional.of(APP) : Optional.empty());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
        HttpResponse<String> withKey = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Origin", APP).header("Content-Type", "application/json").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ stats { etfs } }\"}")));
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
    }

    @Test
    void aQuerySentWithGetNeedsAKeyAndItsAnswerIsPrivate() throws Exception {
        URI uri = URI.create("http://localhost:" + port + "/graphql?query=" + URLEncoder.encode("{ etfs(first: 1) { totalCount } }", StandardCharsets.UTF_8));
        assertThat(send(HttpRequest.newBuilder(uri)).statusCode()).isEqualTo(401);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).as("a shared proxy keeps no keyed answer").hasValue("private, no-cache");
        String etag = answer.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(send(HttpRequest.newBuilder(uri).header("If-None-Match", etag)).statusCode()).as("no key, no 304").isEqualTo(401);
    }

    /** The probe's example: an admin who had just generated a report could not download it. */
    @Test
    void anAdminOrOperatorDownloadsTheReportTheyJustGenerated() throws Exception {
        for (Role role : List.of(Role.ADMIN, Role.OPERATOR)) {
            String key = keyOf(EndpointAccess.Caller.valueOf(role.name()));
            JsonNode report = json.readTree(graphql("mutation { generateReport(format: MARKDOWN) { fileName content downloadUrl } }",
                    "Bearer " + key).body()).path("data").path("generateReport");
            assertThat(report.path("downloadUrl").isString()).as(role + ": " + report).isTrue();
            URI download = URI.create("http://localhost:" + port).resolve(report.path("downloadUrl").asString());

            HttpResponse<String> file = send(HttpRequest.newBuilder(download).header("Authorization", "Bearer " + key));
            assertThat(file.statusCode()).as(role + " downloads " + download).isEqualTo(200);
            assertThat(file.body()).isEqualTo(report.path("content").asString());
            assertThat(send(HttpRequest.newBuilder(download)).statusCode()).as("no key, no report").isEqualTo(401);
        }
    }

    @Test
    void theStartupBannerDoesNotAdvertiseGraphiqlWhichIsOff(CapturedOutput output) {
        assertThat(output.getOut()).contains("Relationship service ready: GraphQL at http://localhost:" + port + "/graphql")
                .doesNotContain("GraphiQL at");
    }
}
