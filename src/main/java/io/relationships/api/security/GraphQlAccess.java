package io.relationships.api.security;

import java.io.IOException;
import java.util.Optional;

import io.relationships.api.GraphQlEndpoint;
import io.relationships.api.PersistedQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access to GraphQL operations at the HTTP edge: 401 without credentials, 403 with too small a role, before the
 * document runs. The role is that of the document that will run ({@link OperationRoles}): the body is read as
 * Spring GraphQL reads it (UTF-8 JSON, {@link GraphQlBodyEncoding} refused every other encoding) and its
 * {@code query}, or the persisted document its hash stands for, parsed by graphql-java. A body this check cannot
 * read is refused here (400) rather than passed on, so that no reading of it can differ from the one judged. The
 * services check again (method security), so a path around this filter finds the same answer.
 */
class GraphQlAccess extends OncePerRequestFilter {

    /** What the service would execute: the document and the operation asked for. */
    private record Operation(String document, String operationName) {
    }

    private final OperationRoles roles;
    private final PersistedQueries persisted;
    private final RoleHierarchy hierarchy;
    /** Stricter than Spring's reading: a key given twice or anything after the object is refused, not guessed at. */
    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    GraphQlAccess(OperationRoles roles, PersistedQueries persisted, RoleHierarchy hierarchy) {
        this.roles = roles;
        this.persisted = persisted;
        this.hierarchy = hierarchy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GraphQlEndpoint.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            // the WebSocket handshake (subscriptions read progress; mutations are refused over it); queries sent with GET
            // arrive here as the POST they stand for (GraphQlGet), so a GET without a query is refused (405)
            ignoreBrowserCredentialsFromOtherOrigins(request);
            if (allowed(roles.reads(), response)) {
                chain.doFilter(request, response);
            }
            return;
        }
        byte[] body = PersistedQueries.Body.of(request);
        Optional<Operation> operation = read(body);
        if (operation.isEmpty()) {
            // the error page answers in GraphQL's shape, with the same words as for any unreadable request
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        Role needed = operation.get().document() == null ? roles.reads()
                : roles.needed(operation.get().document(), operation.get().operationName());
        if (allowed(needed, response)) {
            chain.doFilter(new PersistedQueries.Body(request, body), response);
        }
    }

    /**
     * A browser adds its cookies (an operator's session) and remembered HTTP Basic login to a WebSocket handshake by
     * itself, whichever page opens the socket, and CORS does not stop it. From another origin only credentials the
     * client sent itself count (an API key; a browser cannot set that header on a WebSocket, so a page of another
     * origin subscribes over WebSocket where reads are open, and over server-sent events with its key elsewhere).
     * Over HTTP the same holds through CORS without credentials and CSRF tokens.
     */
    private static void ignoreBrowserCredentialsFromOtherOrigins(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && CorsUtils.isCorsRequest(request)
                && !(authentication.getDetails() instanceof ApiKeyAuthenticationFilter.KeyDetails)) {
            SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
        }
    }

    /**
     * The operation a body asks for; its document is null when there is none to judge (no query, or the hash of a
     * document this instance does not know: nothing runs, Spring GraphQL or {@link PersistedQueries} say why). Empty
     * when the body is not one JSON object with string members where GraphQL expects strings.
     */
    private Optional<Operation> read(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        JsonNode query = request.path("query");
        JsonNode operationName = request.path("operationName");
        if (!request.isObject() || !(query.isMissingNode() || query.isNull() || query.isString())
                || !(operationName.isMissingNode() || operationName.isNull() || operationName.isString())) {
            return Optional.empty();
        }
        String document = query.asString(null);
        if (document == null || document.isEmpty()) {
            // a blank query with a hash runs the persisted document: judge that one
            String hash = request.path("extensions").path("persistedQuery").path("sha256Hash").asString(null);
            document = hash == null ? null : persisted.document(hash).orElse(null);
        }
        return Optional.of(new Operation(document, operationName.asString(null)));
    }

    private boolean allowed(Role needed, HttpServletResponse response) throws IOException {
        if (needed == null) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            AccessErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED",
                    "this operation needs credentials: an API key (Authorization: Bearer <key>) with role " + needed);
            return false;
        }
        boolean granted = hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch(needed.authority()::equals);
        if (!granted) {
            AccessErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                    "this operation needs role " + needed + "; " + authentication.getName() + " does not have it");
            return false;
        }
        return true;
    }
}
