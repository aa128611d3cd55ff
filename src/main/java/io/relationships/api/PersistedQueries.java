package io.relationships.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Automatic persisted queries (the Apollo protocol): a client sends {@code extensions.persistedQuery.sha256Hash}
 * without the document; if the service knows the hash it runs the document it stands for, otherwise it answers
 * {@code PERSISTED_QUERY_NOT_FOUND} and the client sends document and hash once, which registers it.
 */
@Component
@Order(10) // after Spring Security (-100), before the response cache (20)
public class PersistedQueries extends OncePerRequestFilter {

    private static final byte[] MARKER = "persistedQuery".getBytes(StandardCharsets.UTF_8);

    private final Cache<String, String> documents;
    private final JsonMapper json = JsonMapper.builder().build();

    PersistedQueries(ApiProperties properties) {
        this.documents = Caffeine.newBuilder().maximumSize(properties.documentCacheSize()).build();
    }

    /** The document a hash stands for, if this service has been sent it. */
    public Optional<String> document(String sha256Hash) {
        return Optional.ofNullable(documents.getIfPresent(sha256Hash.toLowerCase()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GraphQlEndpoint.isPost(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = Body.of(request);
        if (!contains(body, MARKER)) {
            chain.doFilter(new Body(request, body), response);
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException malformed) {
            chain.doFilter(new Body(request, body), response); // Spring GraphQL reports the bad JSON
            return;
        }
        String hash = node.path("extensions").path("persistedQuery").path("sha256Hash").asString(null);
        String query = node.path("query").asString(null);
        if (hash == null) {
            chain.doFilter(new Body(request, body), response);
            return;
        }
        if (query != null && !query.isEmpty()) {
            if (!sha256(query).equalsIgnoreCase(hash)) {
                error(response, "PersistedQueryIdInvalid: the sha256Hash does not match the query", "VALIDATION");
                return;
            }
            documents.put(hash.toLowerCase(), query);
            chain.doFilter(new Body(request, body), response);
            return;
        }
        String known = documents.getIfPresent(hash.toLowerCase());
        if (known == null) {
            error(response, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
            return;
        }
        ((ObjectNode) node).put("query", known);
        chain.doFilter(new Body(request, json.writeValueAsBytes(node)), response);
    }

    private void error(HttpServletResponse response, String message, String code) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_GRAPHQL_RESPONSE_VALUE);
        // message first, as GraphQL answers write an error (Map.of's order changes from one JVM to the next)
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        response.getOutputStream().write(json.writeValueAsBytes(Map.of("errors", List.of(error))));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The request with its body already read (or rewritten). */
    public static final class Body extends HttpServletRequestWrapper {
        private final byte[] body;

        public Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        /**
         * The body of a request: the bytes a filter before this one holds in memory (no copy, no read), else read now,
         * into an array of the declared length where there is one (a read without it allocates 16 kB buffers: three
         * filters did so for every 200-byte query, the hit path's largest allocation).
         */
        public static byte[] of(HttpServletRequest request) throws IOException {
            ServletRequest wrapped = request;
            while (wrapped instanceof ServletRequestWrapper wrapper) {
                if (wrapped instanceof Body held) {
                    return held.body;
                }
                wrapped = wrapper.getRequest();
            }
            long declared = request.getContentLengthLong();
            try (InputStream in = request.getInputStream()) {
                return declared >= 0 && declared < Integer.MAX_VALUE - 8 ? in.readNBytes((int) declared) : in.readAllBytes();
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public byte[] readAllBytes() {
                    return in.readAllBytes(); // one array of the right size, not InputStream's 16 kB steps
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
