package io.relationships.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.OperationDefinition;
import io.relationships.api.security.SecurityProperties;
import io.relationships.cache.ReadTags;
import io.relationships.cache.RelationshipCacheEvicted;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole responses of relationship queries, kept by (document, operation, variables) and served straight from the
 * servlet filter chain: a repeated query costs a hash look-up and a write, not a parse, an execution and a JSON
 * encoding. Only queries whose root fields all depend on relationship data alone are kept (the schema marks them
 * {@code @cacheable}: never load runs, sync status or cache statistics), and only answers without errors. Each is
 * kept with the relationship-cache entries it read ({@link ReadTags}, collected while it runs), and an eviction of
 * the relationship cache — a data change a graph sync brings, on this instance or another — drops exactly the answers
 * that read what it evicted ({@link KeptAnswers}): a load of one ETF leaves the answers about other stocks in place.
 * A response computed while a change touched what it read is not kept.
 */
@Component
@Order(20) // after Spring Security (-100): a kept answer is only served to who may ask
class ResponseCache extends OncePerRequestFilter implements WebGraphQlInterceptor {

    private final KeptAnswers responses;
    private final DocumentShapes shapes;
    private final RootFieldPolicies policies;
    /** Responses keep the field order of the query. */
    private final JsonMapper json = JsonMapper.builder().build();
    /** Variables are keyed in one canonical order, so that {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
    private final JsonMapper canonical = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private final boolean enabled;

    ResponseCache(ApiProperties properties, DocumentShapes shapes, RootFieldPolicies policies) {
        this.shapes = shapes;
        this.policies = policies;
        this.enabled = properties.responseCache().enabled();
        this.responses = new KeptAnswers(properties.responseCache().maxSize());
    }

    /** Data changed (here or on another instance): the answers that read what changed go, the others stay. */
    @EventListener
    void onRelationshipCacheEvicted(RelationshipCacheEvicted evicted) {
        if (evicted.everything()) {
            responses.evictAll();
        } else {
            responses.evict(evicted.keys());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // serving hits: before Spring MVC

    @Override
    public boolean shouldNotFilter(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return !enabled || !GraphQlEndpoint.isPost(request)
                || (accept != null && accept.contains("text/event-stream"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = PersistedQueries.Body.of(request);
        if (!serve(request, response, body)) {
            request.setAttribute(RAW_BODY, body);
            chain.doFilter(new PersistedQueries.Body(request, body), response);
        }
    }

    /** The request attribute under which the body travels to {@link #intercept}, so the answer is kept under it too. */
    static final String RAW_BODY = ResponseCache.class.getName() + ".body";

    /** Writes the kept answer to this request's body, if there is one; false when there is none. */
    boolean serve(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
        // the same bytes as before: no JSON parsing at all; else the same request written differently
        byte[] cached = responses.get(rawKey(body));
        if (cached == null) {
            String key = keyOf(body);
            cached = key == null ? null : responses.get(key);
        }
        if (cached == null) {
            return false;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(mediaType(request.getHeader("Accept")));
        response.setHeader("X-Content-Type-Options", "nosniff"); // what Spring Security adds to the answers it lets through
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setContentLength(cached.length);
        response.getOutputStream().write(cached);
        return true;
    }

    /**
     * The media type Spring GraphQL answers a request with, so that a kept answer comes as its first did (and a GET's
     * validators name one representation): the first the client accepts of those it writes, else {@code application/json}.
     */
    static String mediaType(String accept) {
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.equals(MediaType.APPLICATION_GRAPHQL_RESPONSE) || type.equals(MediaType.APPLICATION_JSON)) {
                    return type.toString();
                }
            }
        } catch (RuntimeException unreadable) {
            // as Spring GraphQL would not have answered at all, the default
        }
        return MediaType.APPLICATION_JSON_VALUE;
    }

    private static String rawKey(byte[] body) {
        return "raw\u0000" + new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Kept answers served before Spring Security, to requests without credentials, when reads are open: anyone may
     * ask those queries anyway, and a hot query then costs a map look-up. Requests with credentials (a wrong key must
     * still be refused) and every request when reads are closed go the whole way.
     */
    @Component
    @Order(-150) // after RequestSizeLimit (-200), before Spring Security (-100)
    static class OpenReadHits extends OncePerRequestFilter {

        private final ResponseCache cache;
        private final boolean openReads;

        OpenReadHits(ResponseCache cache, SecurityProperties security) {
            this.cache = cache;
            this.openReads = security.openReads();
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !openReads || request.getHeader("Authorization") != null || cache.shouldNotFilter(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            byte[] body = PersistedQueries.Body.of(request);
            if (!cache.serve(request, response, body)) {
                chain.doFilter(new PersistedQueries.Body(request, body), response);
            }
        }
    }

    private String keyOf(byte[] body) {
        try {
            JsonNode request = json.readTree(body);
            String document = request.path("query").asString(null);
            if (document == null) {
                return null;
            }
            JsonNode variables = request.path("variables");
            return key(document, request.path("operationName").asString(null),
                    variables.isObject() ? json.convertValue(variables, Map.class) : null);
        } catch (RuntimeException malformed) {
            return null; // Spring GraphQL explains what is wrong with it
        }
    }

    private String key(String document, String operationName, Map<?, ?> variables) {
        return document + '\u0000' + operationName + '\u0000' + (variables == null || variables.isEmpty() ? "" : canonical.writeValueAsString(variables));
    }

    // ------------------------------------------------------------------------------------------------------------
    // keeping answers: after execution

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled || !cacheable(request.getDocument())) {
            return chain.next(request);
        }
        long before = responses.generation();
        String key = key(request.getDocument(), request.getOperationName(), request.getVariables());
        Object raw = request.getAttributes().get(RAW_BODY);
        ReadTags read = new ReadTags();
        return chain.next(request).doOnNext(response -> {
            if (response.isValid() && response.getErrors().isEmpty()) {
                byte[] answer = json.writeValueAsBytes(response.toMap());
                responses.put(raw instanceof byte[] body ? List.of(key, rawKey(body)) : List.of(key), answer, read.keys(), before);
            }
        }).contextWrite(Context.of(ReadTags.KEY, read));
    }

    /** A document of queries only, whose root fields all read relationship data ({@code __typename} is a constant). */
    boolean cacheable(String document) {
        DocumentShapes.Shape shape = shapes.of(document);
        return shape.valid() && shape.onlyPlainFields() && shape.operations().equals(Set.of(OperationDefinition.Operation.QUERY))
                && shape.rootFields().stream().allMatch(field -> field.equals("__typename") || policies.cacheable(field));
    }

    long size() {
        return responses.size();
    }
}
