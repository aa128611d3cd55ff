package io.relationships.api.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>}: authenticates scripts and the CLI by API key. A wrong key is refused at
 * once (401), rather than treated as anonymous, and counted by the {@link AuthenticationThrottle}.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** Which key authenticated a request: a WebSocket it opens is closed when that key is revoked. */
    record KeyDetails(long keyId) {
    }

    private final ApiKeys keys;
    private final RoleAuthorities authorities;
    private final AuthenticationThrottle throttle;

    ApiKeyAuthenticationFilter(ApiKeys keys, RoleAuthorities authorities, AuthenticationThrottle throttle) {
        this.keys = keys;
        this.authorities = authorities;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.ApiKey> key;
        try {
            key = keys.authenticate(header.substring(7).strip());
        } catch (DataAccessException unreachable) {
            AccessErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "UNAVAILABLE",
                    "The catalog database (PostgreSQL) cannot be reached just now, so the API key cannot be checked; try again shortly");
            return;
        }
        if (key.isEmpty()) {
            throttle.failed(AuthenticationThrottle.Kind.API_KEY, request.getRemoteAddr(), null);
            AccessErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", "the API key is not valid (unknown or revoked)");
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated("key:" + key.get().name() + " (" + key.get().prefix() + ")",
                null, authorities.of(key.get().role()));
        authentication.setDetails(new KeyDetails(key.get().id()));
        // a context of its own: the one in place may be a session's, and a key's role must not stick to a session
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
