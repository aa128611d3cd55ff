package io.relationships.api.security;

import java.io.IOException;
import java.util.List;

import io.relationships.api.ApiProperties;
import io.relationships.api.GraphQlEndpoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Browser apps served from other origins ({@code relationships.api.cors.allowed-origins}) may call {@code /graphql},
 * {@code /graphql/schema} and the REST endpoints under {@code /api}: a preflight from an allowed origin is answered
 * here, before anything asks for credentials (a browser sends none with it), and the answers to its requests carry
 * {@code Access-Control-Allow-Origin}. The WebSocket handshake checks the same origins ({@link KeyWebSockets}).
 *
 * <p>Never with credentials ({@code Access-Control-Allow-Credentials} is not sent): a page of an allowed origin
 * cannot have the browser add an operator's session cookie or remembered HTTP Basic login and read what comes back;
 * apps send {@code Authorization: Bearer <key>}, which a page has to hold itself. A request from an origin that is
 * not allowed is left exactly as before (it is answered, without the header, so the browser keeps the answer from
 * the page; same-origin pages behind a proxy that rewrites the host keep working); only its preflight is refused.
 *
 * <p>First of all filters, so that every answer to an allowed origin carries the header: a response-cache hit, a
 * 413 and a 401 too.
 */
@Component
@Order(-300) // before GraphQlGet (-250), RequestSizeLimit (-200) and Spring Security (-100)
class CrossOrigins extends OncePerRequestFilter {

    /** Embedded (development) mode, when nothing is configured: an app served from any port of this machine. */
    static final List<String> DEVELOPMENT = List.of("http://localhost:*", "http://127.0.0.1:*");

    private final CorsConfiguration allowed;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    @Autowired
    CrossOrigins(ApiProperties api, @Value("${relationships.embedded.enabled:true}") boolean embedded) {
        this(configuration(api.cors(), embedded));
    }

    private CrossOrigins(CorsConfiguration allowed) {
        this.allowed = allowed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean allowedOrigin = allowed.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) != null;
        if (CorsUtils.isPreFlightRequest(request)) {
            if (allowedOrigin) {
                processor.processRequest(allowed, request, response);
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "this origin may not call the service (relationships.api.cors.allowed-origins)");
            }
            return;
        }
        // a request from an origin that is not allowed goes on untouched: without the header, the browser keeps its answer from the page
        if (!allowedOrigin || processor.processRequest(allowed, request, response)) {
            chain.doFilter(request, response);
        }
    }

    /** What a browser on an allowed origin may send and read. */
    static CorsConfiguration configuration(ApiProperties.Cors cors, boolean embedded) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOriginPatterns(origins(cors, embedded));
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, HttpHeaders.IF_NONE_MATCH));
        configuration.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        return configuration;
    }

    /** The configured origins; unset, the development ones in embedded mode and none otherwise. */
    static List<String> origins(ApiProperties.Cors cors, boolean embedded) {
        if (cors.allowedOrigins() != null) {
            return cors.allowedOrigins().stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        }
        return embedded ? DEVELOPMENT : List.of();
    }

    /** The origins the WebSocket handshake accepts besides the service's own. */
    CorsConfiguration allowed() {
        return allowed;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        return !(GraphQlEndpoint.matches(request) || path.equals(GraphQlEndpoint.PATH + "/schema") || path.startsWith("/api/"));
    }
}
