package io.relationships.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over plain HTTP as a client sees it: a POST with a JSON body, and subscriptions as server-sent events,
 * optionally with an API key.
 */
public final class GraphQlHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GraphQlHttp(String baseUrl, String apiKey) {
        this.endpoint = URI.create(baseUrl + "/graphql");
        this.apiKey = apiKey;
    }

    public static GraphQlHttp on(int port, String apiKey) {
        return new GraphQlHttp("http://localhost:" + port, apiKey);
    }

    public JsonNode post(String document) {
        return post(document, Map.of());
    }

    public JsonNode post(String document, Map<String, Object> variables) {
        try {
            HttpResponse<String> response = http.send(request(document, variables, "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer's {@code data}, after checking that it has no errors (the answer says why where it has). */
    public JsonNode data(String document, Map<String, Object> variables) {
        JsonNode answer = post(document, variables);
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        return answer.path("data");
    }

    /**
     * The events of a subscription (each a {@code {data, errors}} object) until the service completes the stream. A
     * stream cut short (a proxy, a restart) is opened again, as an EventSource would: a run's progress subscription
     * starts with where the run stands, so nothing is lost but repeats.
     */
    public List<JsonNode> subscribe(String document, Map<String, Object> variables) {
        List<JsonNode> events = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                events.addAll(subscribeOnce(document, variables));
                return events;
            } catch (UncheckedIOException cut) {
                if (attempt == 3) {
                    throw cut;
                }
            }
        }
    }

    private List<JsonNode> subscribeOnce(String document, Map<String, Object> variables) {
        try {
            HttpResponse<InputStream> response = http.send(request(document, variables, "text/event-stream")
                    .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
            List<JsonNode> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                String event = null;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                        if (event.equals("complete")) {
                            break;
                        }
                    } else if (line.startsWith("data:") && "next".equals(event)) {
                        events.add(JSON.readTree(line.substring(5)));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String document, Map<String, Object> variables, String accept) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }
}
