package io.relationships.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's only way to the service: GraphQL over HTTP, and subscriptions as server-sent events on the same
 * endpoint. Identifies itself ({@code X-Relationships-Client: cli}) so that runs record the CLI as trigger.
 */
final class ServiceClient {

    /** The service answered with GraphQL errors. */
    static final class GraphQlError extends RuntimeException {
        private final String code;

        GraphQlError(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** The service could not be reached at all. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    ServiceClient(String url, String apiKey) {
        this.endpoint = URI.create(url.replaceAll("/$", "") + "/graphql");
        this.apiKey = apiKey;
    }

    /** Runs a document and returns its {@code data}; GraphQL errors become {@link GraphQlError}. */
    JsonNode execute(String document, Map<String, Object> variables) {
        HttpResponse<String> response;
        try {
            response = http.send(request(document, variables).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable("cannot reach the service at " + endpoint + " (is it running?)", e);
        } catch (IOException e) {
            throw new Unreachable("talking to " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new GraphQlError(response.statusCode() == 401 ? "UNAUTHENTICATED" : "FORBIDDEN",
                    "the service refused the request (HTTP " + response.statusCode() + "): pass an API key with --api-key or RELATIONSHIPS_API_KEY");
        }
        JsonNode body = json.readTree(response.body());
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            throw new GraphQlError(first.path("extensions").path("code").asString("ERROR"), first.path("message").asString());
        }
        return body.path("data");
    }

    /** Follows a subscription until the service completes it, or {@code onNext} answers false. */
    void subscribe(String document, Map<String, Object> variables, Predicate<JsonNode> onNext) {
        try {
            HttpResponse<java.io.InputStream> response = http.send(request(document, variables).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                String event = null;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                        if (event.equals("complete")) {
                            return;
                        }
                    } else if (line.startsWith("data:") && "next".equals(event)) {
                        JsonNode payload = json.readTree(line.substring(5));
                        if (payload.has("errors")) {
                            JsonNode first = payload.path("errors").get(0);
                            throw new GraphQlError(first.path("extensions").path("code").asString("ERROR"), first.path("message").asString());
                        }
                        if (!onNext.test(payload.path("data"))) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new Unreachable("following progress at " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String document, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("X-Relationships-Client", "cli")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }
}
