package io.relationships.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer given by a filter before GraphQL runs (a body too large, a GET of a mutation, a missing key), in GraphQL's
 * error shape, so that every client reads {@code errors[0].extensions.code} whatever refused it.
 */
public final class HttpErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpErrors() {
    }

    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", message,
                "extensions", Map.of("code", code))))));
    }

    static void write(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        write(response, status, code.name(), message);
    }
}
