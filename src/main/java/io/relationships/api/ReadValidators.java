package io.relationships.api;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import io.relationships.api.security.SecurityProperties;
import io.relationships.cache.InstanceVisibility;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * How browsers and proxies may keep the answers to queries sent with GET ({@link GraphQlGet}). The answer to a
 * document whose root fields all read relationship data ({@code @cacheable}) is decided by the catalog as this
 * instance's caches reflect it, so the outbox position they reflect ({@link InstanceVisibility#reflectsUpTo}), the same
 * count on every instance, is its version:
 *
 * <ul>
 *   <li>{@code ETag: W/"<position>-<media type>"}, {@code Vary: Accept, Origin};</li>
 *   <li>{@code Cache-Control: no-cache} (keep it, but ask each time: a load is visible at once, as read-your-writes
 *       promises), {@code public} when reads are open and {@code private} when they need a key, so that a shared proxy
 *       never hands one client's keyed answer to another;</li>
 *   <li>{@code If-None-Match} naming the current version: 304 without a body. Decided after every check has run (the
 *       access check, limits, the read gate, usually a response-cache hit), so a 304 tells nobody more than its 200.</li>
 * </ul>
 *
 * Every other answer to a GET (errors, operational queries, an answer computed while the data changed) is
 * {@code Cache-Control: no-store}.
 */
@Component
class ReadValidators {

    private static final String PENDING = ReadValidators.class.getName() + ".pending";
    private static final Set<String> CACHING_HEADERS = Set.of("cache-control", "pragma", "expires");

    /** What is known of a GET before it runs: the data version then, and the document. */
    private record Pending(long version, String document) {
    }

    private final InstanceVisibility data;
    private final ResponseCache responses;
    private final String visibility;
    private final JsonMapper json = JsonMapper.builder().build();

    ReadValidators(InstanceVisibility data, ResponseCache responses, SecurityProperties security) {
        this.data = data;
        this.responses = responses;
        this.visibility = security.openReads() ? "public" : "private";
    }

    /** The response to hand down the chain for a GET of {@code document} (null when there is none to judge yet). */
    HttpServletResponse begin(HttpServletRequest request, HttpServletResponse response, String document) {
        request.setAttribute(PENDING, new Pending(data.reflectsUpTo(), document));
        return new Buffered(response);
    }

    /** Writes the answer with its validators, or 304; nothing while the answer is still being computed elsewhere. */
    void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Buffered buffered = WebUtils.getNativeResponse(response, Buffered.class);
        if (request.isAsyncStarted() || buffered == null || !(request.getAttribute(PENDING) instanceof Pending pending)) {
            return;
        }
        HttpServletResponse raw = (HttpServletResponse) buffered.getResponse();
        if (!keepable(buffered, pending)) {
            raw.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            buffered.copyBodyToResponse();
            return;
        }
        String tag = "W/\"" + pending.version() + "-" + variant(buffered.getContentType()) + "\"";
        raw.setHeader(HttpHeaders.ETAG, tag);
        raw.setHeader(HttpHeaders.CACHE_CONTROL, visibility + ", no-cache");
        vary(raw, HttpHeaders.ACCEPT, HttpHeaders.ORIGIN);
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            raw.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        buffered.copyBodyToResponse();
    }

    /** A complete answer of relationship data only, computed while the data stood still. */
    private boolean keepable(Buffered buffered, Pending pending) {
        if (buffered.getStatus() != HttpServletResponse.SC_OK || pending.document() == null || data.reflectsUpTo() != pending.version()
                || !responses.cacheable(pending.document())) {
            return false;
        }
        try {
            return !json.readTree(buffered.getContentAsByteArray()).has("errors");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** The two JSON media types an answer may come in are two representations, with two tags. */
    private static String variant(String contentType) {
        return contentType != null && contentType.startsWith(MediaType.APPLICATION_GRAPHQL_RESPONSE_VALUE) ? "gql" : "json";
    }

    /** RFC 9110's weak comparison: {@code *}, or any of the listed tags with or without {@code W/}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = tag.substring(2);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(candidate -> candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(opaque));
    }

    private static void vary(HttpServletResponse response, String... headers) {
        Set<String> vary = new LinkedHashSet<>();
        response.getHeaders(HttpHeaders.VARY).forEach(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(v -> !v.isEmpty()).forEach(vary::add));
        for (String header : headers) {
            if (vary.stream().noneMatch(header::equalsIgnoreCase)) {
                vary.add(header);
            }
        }
        response.setHeader(HttpHeaders.VARY, String.join(", ", vary));
    }

    /**
     * The answer held back until its validators are known; the caching headers others set on the way (Spring
     * Security's {@code no-cache, no-store}, the response cache's) are left out, {@link #finish} sets its own.
     */
    private static final class Buffered extends ContentCachingResponseWrapper {

        Buffered(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!CACHING_HEADERS.contains(name.toLowerCase())) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!CACHING_HEADERS.contains(name.toLowerCase())) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!CACHING_HEADERS.contains(name.toLowerCase())) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!CACHING_HEADERS.contains(name.toLowerCase())) {
                super.addDateHeader(name, date);
            }
        }
    }
}
