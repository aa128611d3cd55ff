package io.relationships.api.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and 415 answers in GraphQL's error shape, so that every client reads {@code errors[0].extensions.code}. */
final class AccessErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessErrors() {
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"relationships\"");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", message,
                "extensions", Map.of("code", code))))));
    }
}
