package io.relationships.api.security;

import java.io.IOException;
import java.time.Duration;

import io.relationships.api.HttpErrors;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/** 401, 403, 415 and 429 answers in GraphQL's error shape, so that every client reads {@code errors[0].extensions.code}. */
final class AccessErrors {

    private AccessErrors() {
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"relationships\"");
        }
        HttpErrors.write(response, status, code, message);
    }

    /** 429 with {@code Retry-After} in whole seconds (rounded up, at least 1). */
    static void tooManyAttempts(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = AuthenticationThrottle.seconds(wait);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(response, 429, "TOO_MANY_ATTEMPTS", "too many failed authentications from this address or for this account: "
                + "try again in " + seconds + " s (attempts before then are refused without being checked)");
    }
}
