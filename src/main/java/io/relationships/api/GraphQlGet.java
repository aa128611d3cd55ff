package io.relationships.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import graphql.language.OperationDefinition;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queries over GET, as GraphQL over HTTP has them: {@code GET /graphql?query=…&operationName=…&variables=…&extensions=…}
 * ({@code variables} and {@code extensions} as JSON), or a persisted query by its hash alone
 * ({@code ?extensions={"persistedQuery":{"version":1,"sha256Hash":"…"}}}), so that a URL names a read and browsers and
 * proxies can keep its answer ({@link ReadValidators}).
 *
 * <p>A GET is turned at the door into the POST it stands for: every check a POST meets (its size, the access check,
 * persisted queries, the limits, the response cache, the read gate) meets it unchanged, and nothing downstream needs to
 * know. Only queries: a mutation or a subscription is refused with 405 before anything runs, because a link, a prefetch
 * or a crawler must never change data (and a GET carries no CSRF token). The WebSocket handshake, also a GET on
 * {@code /graphql}, is left alone.
 */
@Component
@Order(-250) // after CrossOrigins (-300), before RequestSizeLimit (-200) and everything else that reads a POST's body
public class GraphQlGet extends OncePerRequestFilter {

    private static final String TRANSLATED = GraphQlGet.class.getName() + ".translated";
    private static final Set<String> PARAMETERS = Set.of("query", "operationName", "variables", "extensions");

    private final PersistedQueries persisted;
    private final DocumentShapes shapes;
    private final ReadValidators validators;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphQlGet(PersistedQueries persisted, DocumentShapes shapes, ReadValidators validators) {
        this.persisted = persisted;
        this.shapes = shapes;
        this.validators = validators;
    }

    /** Whether a request arrived as a GET of a query (it now looks like its POST): it can change nothing. */
    public static boolean translated(HttpServletRequest request) {
        return request.getAttribute(TRANSLATED) != null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // an answer computed on another thread is written in the async dispatch: its validators then
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (isAsyncDispatch(request)) {
            return !translated(request);
        }
        return !"GET".equals(request.getMethod()) || !GraphQlEndpoint.matches(request) || "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                || PARAMETERS.stream().noneMatch(name -> request.getParameter(name) != null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            chain.doFilter(request, response);
            validators.finish(request, response);
            return;
        }
        ObjectNode body;
        try {
            body = body(request);
        } catch (IllegalArgumentException unreadable) {
            HttpErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCode.BAD_REQUEST, unreadable.getMessage());
            return;
        }
        String document = document(body);
        if (document != null && !queriesOnly(document)) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            HttpErrors.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, ErrorCode.BAD_REQUEST,
                    "GET runs queries only, so that a link never changes data; send mutations and subscriptions with POST /graphql "
                            + "(subscriptions also over WebSocket)");
            return;
        }
        request.setAttribute(TRANSLATED, Boolean.TRUE);
        HttpServletRequest post = new AsPost(request, json.writeValueAsBytes(body));
        HttpServletResponse buffered = validators.begin(post, response, document);
        chain.doFilter(post, buffered);
        validators.finish(post, buffered);
    }

    /** The JSON body the parameters stand for; each parameter once, {@code variables} and {@code extensions} JSON objects. */
    private ObjectNode body(HttpServletRequest request) {
        ObjectNode body = json.createObjectNode();
        for (String name : new String[]{"query", "operationName"}) {
            String value = single(request, name);
            if (value != null) {
                body.put(name, value);
            }
        }
        for (String name : new String[]{"variables", "extensions"}) {
            String value = single(request, name);
            if (value != null && !value.isBlank()) {
                JsonNode parsed;
                try {
                    parsed = json.readTree(value);
                } catch (RuntimeException malformed) {
                    parsed = null;
                }
                if (parsed == null || !(parsed.isObject() || parsed.isNull())) {
                    throw new IllegalArgumentException("the '" + name + "' parameter must be a JSON object (URL-encoded), e.g. "
                            + name + "=%7B%22first%22%3A5%7D for {\"first\":5}");
                }
                body.set(name, parsed);
            }
        }
        return body;
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
            throw new IllegalArgumentException("the '" + name + "' parameter is given " + values.length + " times; give it once");
        }
        return values == null ? null : values[0];
    }

    /** The document that will run: the query, or the persisted one its hash names; null when there is none to judge. */
    private String document(ObjectNode body) {
        String query = body.path("query").asString(null);
        if (query != null && !query.isEmpty()) {
            return query;
        }
        String hash = body.path("extensions").path("persistedQuery").path("sha256Hash").asString(null);
        return hash == null ? null : persisted.document(hash).orElse(null);
    }

    /** A document that does not parse runs nothing either: execution says why. */
    private boolean queriesOnly(String document) {
        DocumentShapes.Shape shape = shapes.of(document);
        return !shape.valid() || shape.operations().stream().allMatch(OperationDefinition.Operation.QUERY::equals);
    }

    /** The GET as the POST it stands for: a JSON body, read by every filter and by Spring GraphQL as any POST's. */
    private static final class AsPost extends HttpServletRequestWrapper {

        AsPost(HttpServletRequest request, byte[] body) {
            super(new PersistedQueries.Body(request, body));
        }

        @Override
        public String getMethod() {
            return "POST";
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(Set.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            if (names.stream().noneMatch(HttpHeaders.CONTENT_TYPE::equalsIgnoreCase)) {
                names.add(HttpHeaders.CONTENT_TYPE);
            }
            return Collections.enumeration(names);
        }
    }
}
