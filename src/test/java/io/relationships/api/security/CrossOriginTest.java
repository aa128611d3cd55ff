package io.relationships.api.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.api.ApiProperties;
import io.relationships.support.GraphQlWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser app on another origin, as the browser's CORS checks see the service (embedded mode's defaults: any port
 * of localhost and 127.0.0.1). {@code BrowserClientsTest} runs the same in a real browser.
 */
@IntegrationTest
class CrossOriginTest {

    static final String APP = "http://127.0.0.1:5173";
    static final String STRANGER = "https://evil.example";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> preflight(String path, String origin) throws Exception {
        return send("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, authorization");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentialsAndWithoutAllowingThem() throws Exception {
        for (String path : List.of("/graphql", "/graphql/schema", "/api/relationships/stats")) {
            HttpResponse<String> response = preflight(path, APP);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(APP);
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST").contains("GET");
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization").contains("content-type");
            assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("1800");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as("cookies are never honoured cross-origin").isEmpty();
        }
    }

    @Test
    void theAnswersToAnAllowedOriginCarryItsHeaderOverPostGetRestAndTheSchema() throws Exception {
        String query = json.writeValueAsString(Map.of("query", "{ stock(symbol: \"AAPL\") { symbol } }"));
        for (HttpResponse<String> response : List.of(
                send("POST", "/graphql", query, "Origin", APP, "Content-Type", "application/json"),
                send("POST", "/graphql", query, "Origin", APP, "Content-Type", "application/json"), // a response-cache hit, too
                send("GET", "/graphql?query=%7B%20stats%20%7B%20etfs%20%7D%20%7D", null, "Origin", APP),
                send("GET", "/api/relationships/stats", null, "Origin", APP),
                send("GET", "/graphql/schema", null, "Origin", APP))) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(response.uri().toString()).hasValue(APP);
            assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("ETag");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void anOriginNotAllowedGetsNoHeaderAndItsPreflightIsRefused() throws Exception {
        assertThat(preflight("/graphql", STRANGER).statusCode()).isEqualTo(403);
        HttpResponse<String> post = send("POST", "/graphql", "{\"query\": \"{ stats { etfs } }\"}", "Origin", STRANGER, "Content-Type", "application/json");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).as("the browser keeps the answer from the page").isEmpty();
    }

    @Test
    void theWebSocketHandshakeAcceptsAnAllowedOriginAndRefusesOthers() throws Exception {
        try (GraphQlWebSocket socket = GraphQlWebSocket.open(port, "Origin", APP)) {
            socket.subscribe("1", "subscription { syncProgress(runId: 999999) { id } }");
            assertThat(socket.next()).isNotNull();
        }
        assertThat(GraphQlWebSocket.refusedHandshake(port, "Origin", STRANGER)).isEqualTo(403);
    }

    @Test
    void embeddedModeAllowsThisMachinesPortsAndOtherwiseNothingUnlessConfigured() {
        ApiProperties.Cors unset = cors(Map.of());
        assertThat(CrossOrigins.origins(unset, true)).containsExactly("http://localhost:*", "http://127.0.0.1:*");
        assertThat(CrossOrigins.origins(unset, false)).isEmpty();
        // the production profile's empty value: nothing, whatever the mode
        assertThat(CrossOrigins.origins(cors(Map.of("relationships.api.cors.allowed-origins", "")), true)).isEmpty();
        assertThat(CrossOrigins.origins(cors(Map.of("relationships.api.cors.allowed-origins", "https://app.example.com, https://*.example.org")), false))
                .containsExactly("https://app.example.com", "https://*.example.org");
    }

    static ApiProperties.Cors cors(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("relationships.api.cors", ApiProperties.Cors.class);
    }
}
