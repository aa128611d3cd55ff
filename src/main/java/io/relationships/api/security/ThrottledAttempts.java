package io.relationships.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Refuses (429, {@code Retry-After}) a request that brings credentials from an address or for an account the
 * {@link AuthenticationThrottle} is holding back, before anything checks them. Requests without credentials pass:
 * they guess nothing.
 */
class ThrottledAttempts extends OncePerRequestFilter {

    private final AuthenticationThrottle throttle;

    ThrottledAttempts(AuthenticationThrottle throttle) {
        this.throttle = throttle;
    }

    /** What a request tries: which way, and the account it names (none for an API key or an unreadable header). */
    private record Tried(AuthenticationThrottle.Kind kind, String account) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Tried> tried = tried(request);
        if (tried.isPresent()) {
            Optional<Duration> wait = throttle.blocked(request.getRemoteAddr(), tried.get().account());
            if (wait.isPresent()) {
                throttle.refused(tried.get().kind());
                AccessErrors.tooManyAttempts(response, wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<Tried> tried(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Tried(AuthenticationThrottle.Kind.API_KEY, null));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of(new Tried(AuthenticationThrottle.Kind.BASIC, basicUser(authorization.substring(6).strip())));
        }
        if (HttpMethod.POST.matches(request.getMethod()) && "/login".equals(UrlPathHelper.defaultInstance.getPathWithinApplication(request))) {
            return Optional.of(new Tried(AuthenticationThrottle.Kind.FORM, request.getParameter("username")));
        }
        return Optional.empty();
    }

    private static String basicUser(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null; // refused as UNAUTHENTICATED by the Basic filter; the address still counts
        }
    }
}
