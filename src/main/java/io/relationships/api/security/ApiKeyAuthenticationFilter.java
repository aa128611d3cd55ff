package io.relationships.api.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>}: authenticates scripts and the CLI by API key. A wrong key is refused at
 * once (401), rather than treated as anonymous.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys keys;

    ApiKeyAuthenticationFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        java.util.Optional<ApiKeys.ApiKey> key;
        try {
            key = keys.authenticate(header.substring(7).strip());
        } catch (org.springframework.dao.DataAccessException unreachable) {
            AccessErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "UNAVAILABLE",
                    "The catalog database (PostgreSQL) cannot be reached just now, so the API key cannot be checked; try again shortly");
            return;
        }
        if (key.isEmpty()) {
            AccessErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", "the API key is not valid (unknown or revoked)");
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken("key:" + key.get().name() + " (" + key.get().prefix() + ")", null,
                List.of(new SimpleGrantedAuthority(key.get().role().authority())));
        // a context of its own: the one in place may be a session's, and a key's role must not stick to a session
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
