package io.relationships.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * GraphQL requests larger than {@code relationships.api.max-request-size} are refused (413) before anything reads
 * them whole: a front-end's document and variables fit in a few kilobytes, and a body of megabytes is either a
 * mistake or an attack. The body is read once here, at most one byte past the limit, and handed on in memory.
 */
@Component
@Order(-200) // before Spring Security (-100): nothing downstream reads an unbounded body
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(ApiProperties properties) {
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GraphQlEndpoint.isPost(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        byte[] body;
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            // with a declared length (checked above), exactly that many bytes; chunked, at most one past the limit
            body = in.readNBytes((int) (declared >= 0 ? declared : Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)));
        }
        if (body.length > maxBytes) {
            refuse(response); // chunked, without a length
            return;
        }
        chain.doFilter(new PersistedQueries.Body(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        HttpErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
                "the request is larger than " + maxBytes + " bytes; send smaller variables, or a persisted query");
    }
}
