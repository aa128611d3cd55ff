package io.relationships.cli;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's only way to the service: GraphQL over HTTP, subscriptions as server-sent events on the same endpoint,
 * and uploads of the operator's files (GraphQL over HTTP carries no files). Identifies itself ({@code X-Relationships-Client: cli}) so that runs record the CLI as trigger.
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

    private final String base;
    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    ServiceClient(String url, String apiKey) {
        this.base = url.replaceAll("/$", "");
        this.endpoint = URI.create(base + "/graphql");
        this.apiKey = apiKey;
    }

    /** Runs a document and returns its {@code data}; GraphQL errors become {@link GraphQlError}. */
    JsonNode execute(String document, Map<String, Object> variables) {
        return answer(send(request(document, variables).header("Accept", "application/json").build(), endpoint)).path("data");
    }

    /**
     * Sends a file of this machine to the service ({@code POST /admin/uploads}, as the admin page does), where any
     * instance can load it; returns the upload ({@code id}, {@code fileName}, {@code bytes}).
     */
    JsonNode upload(Path file) {
        URI uploads = URI.create(base + "/admin/uploads");
        String boundary = "----relationships-cli-" + UUID.randomUUID();
        String name = file.getFileName().toString().replace("\"", "%22").replace("\r", "").replace("\n", "");
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n", StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uploads).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json").header("X-Relationships-Client", "cli").POST(body);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return answer(send(builder.build(), uploads));
    }

    private HttpResponse<String> send(HttpRequest request, URI target) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable("cannot reach the service at " + target + " (is it running?)", e);
        } catch (IOException e) {
            throw new Unreachable("talking to " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    /** The body of an answer; refusals (401, 403, and errors in GraphQL's shape) become {@link GraphQlError}. */
    private JsonNode answer(HttpResponse<String> response) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new GraphQlError(response.statusCode() == 401 ? "UNAUTHENTICATED" : "FORBIDDEN",
                    "the service refused the request (HTTP " + response.statusCode() + "): pass an API key with --api-key or RELATIONSHIPS_API_KEY");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new GraphQlError("HTTP_" + response.statusCode(), "the service answered HTTP " + response.statusCode() + " without a readable body");
        }
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            throw new GraphQlError(first.path("extensions").path("code").asString("ERROR"), first.path("message").asString());
        }
        return body;
    }

    /** Follows a subscription until the service completes it, or {@code onNext} answers false. */
    void subscribe(String document, Map<String, Object> variables, Predicate<JsonNode> onNext) {
        try {
            HttpResponse<InputStream> response = http.send(request(document, variables).header("Accept", "text/event-stream").build(),
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
