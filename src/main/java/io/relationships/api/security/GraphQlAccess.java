package io.relationships.api.security;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import graphql.language.OperationDefinition;
import io.relationships.api.DocumentShapes;
import io.relationships.api.PersistedQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access to GraphQL operations at the HTTP edge: 401 without credentials, 403 with too small a role, before the
 * document runs. Each root field needs a role (mutations OPERATOR, rollback and API keys ADMIN, queries VIEWER
 * unless reads are open). The services check again (method security), so a path around this filter finds the
 * same answer.
 */
class GraphQlAccess extends OncePerRequestFilter {

    static final Map<String, Role> MUTATIONS = Map.ofEntries(
            Map.entry("loadEtfHoldings", Role.OPERATOR), Map.entry("loadUniverses", Role.OPERATOR), Map.entry("loadThemes", Role.OPERATOR),
            Map.entry("enrichSectors", Role.OPERATOR), Map.entry("loadAll", Role.OPERATOR), Map.entry("syncGraph", Role.OPERATOR),
            Map.entry("checkDrift", Role.OPERATOR), Map.entry("refreshCache", Role.OPERATOR), Map.entry("generateReport", Role.OPERATOR),
            Map.entry("validateQuality", Role.OPERATOR), Map.entry("rollbackLoad", Role.ADMIN), Map.entry("createApiKey", Role.ADMIN),
            Map.entry("revokeApiKey", Role.ADMIN));
    /** Queries that need more than reading relationship data. */
    static final Map<String, Role> QUERIES = Map.of("apiKeys", Role.ADMIN);

    private final DocumentShapes shapes;
    private final PersistedQueries persisted;
    private final RoleHierarchy roles;
    private final boolean openReads;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphQlAccess(DocumentShapes shapes, PersistedQueries persisted, RoleHierarchy roles, boolean openReads) {
        this.shapes = shapes;
        this.persisted = persisted;
        this.roles = roles;
        this.openReads = openReads;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !io.relationships.api.GraphQlEndpoint.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            // the WebSocket handshake (subscriptions read progress) and GET are reads
            if (allowed(openReads ? null : Role.VIEWER, response)) {
                chain.doFilter(request, response);
            }
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Role needed = needed(body);
        if (allowed(needed, response)) {
            chain.doFilter(new PersistedQueries.Body(request, body), response);
        }
    }

    /** Words without which a body cannot ask for more than a read (JSON's \\u escapes could hide them: checked too). */
    private static final byte[][] TRIGGERS = {"mutation".getBytes(), "apiKeys".getBytes(), "persistedQuery".getBytes(), "\\u".getBytes()};

    /** The strongest role any root field of the document needs; null when nothing is needed. */
    private Role needed(byte[] body) {
        if (!containsAny(body)) {
            return openReads ? null : Role.VIEWER; // a plain read, told without parsing the request
        }
        String document;
        try {
            JsonNode request = json.readTree(body);
            document = request.path("query").asString(null);
            if (document == null || document.isBlank()) {
                // a blank query with a hash runs the persisted document: judge that one
                String hash = request.path("extensions").path("persistedQuery").path("sha256Hash").asString(null);
                document = hash == null ? null : persisted.document(hash).orElse(null);
            }
        } catch (RuntimeException malformed) {
            return openReads ? null : Role.VIEWER; // Spring GraphQL explains what is wrong with it
        }
        if (document == null) {
            return openReads ? null : Role.VIEWER;
        }
        DocumentShapes.Shape shape = shapes.of(document);
        Role needed = openReads ? null : Role.VIEWER;
        if (!shape.valid() || !shape.onlyPlainFields()) {
            // cannot tell the fields: a fragment at the root, or a document that will not parse
            return shape.operations().contains(OperationDefinition.Operation.MUTATION) ? Role.ADMIN : needed;
        }
        boolean mutation = shape.operations().contains(OperationDefinition.Operation.MUTATION);
        for (String field : shape.rootFields()) {
            Role role = mutation ? MUTATIONS.getOrDefault(field, Role.ADMIN) : QUERIES.get(field);
            needed = stronger(needed, role);
        }
        return needed;
    }

    private static Role stronger(Role a, Role b) {
        if (a == null) {
            return b;
        }
        return b == null || a.ordinal() >= b.ordinal() ? a : b;
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
        Set<String> granted = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(a -> a.getAuthority()).collect(java.util.stream.Collectors.toSet());
        if (!granted.contains(needed.authority())) {
            AccessErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                    "this operation needs role " + needed + "; " + authentication.getName() + " does not have it");
            return false;
        }
        return true;
    }

    private static boolean containsAny(byte[] body) {
        for (byte[] word : TRIGGERS) {
            outer:
            for (int i = 0; i <= body.length - word.length; i++) {
                for (int j = 0; j < word.length; j++) {
                    if (body[i + j] != word[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
