package io.relationships.api.security;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.relationships.api.GraphQlEndpoint;
import io.relationships.api.PersistedQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A GraphQL request body is JSON in UTF-8 (RFC 8259), and nothing else is accepted: 415 for a body in UTF-16 or
 * UTF-32 (with or without a byte order mark) or one declared in another charset. Jackson would detect such a body
 * and Spring GraphQL run it; every check that reads the body before it (the access check, the response cache)
 * would have to detect it the same way. With one encoding there is one reading.
 */
@Component
@Order(-190) // after RequestSizeLimit (-200) has the body in memory, before anything reads it
class GraphQlBodyEncoding extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GraphQlEndpoint.isPost(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!declaredUtf8OrNothing(request.getContentType())) {
            refuse(response, "the body is declared in a charset other than UTF-8");
            return;
        }
        byte[] body = PersistedQueries.Body.of(request);
        if (otherUnicode(body)) {
            refuse(response, "the body is in another encoding (UTF-16 or UTF-32)");
            return;
        }
        chain.doFilter(new PersistedQueries.Body(request, body), response);
    }

    private static boolean declaredUtf8OrNothing(String contentType) {
        if (contentType == null) {
            return true;
        }
        Charset charset;
        try {
            charset = MediaType.parseMediaType(contentType).getCharset();
        } catch (RuntimeException unknownOrMalformed) {
            return false;
        }
        return charset == null || charset.equals(StandardCharsets.UTF_8);
    }

    /**
     * UTF-16 and UTF-32 bodies start with a byte order mark (FE FF, FF FE) or hold zero bytes: every JSON
     * delimiter is an ASCII character, encoded with zeros. A zero byte never occurs in UTF-8 JSON (a control
     * character in a string must be escaped), and FE and FF never occur in UTF-8 at all.
     */
    private static boolean otherUnicode(byte[] body) {
        if (body.length >= 2 && ((body[0] & 0xff) == 0xfe || (body[0] & 0xff) == 0xff)) {
            return true;
        }
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        AccessErrors.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "BAD_REQUEST",
                why + ": send the GraphQL request as JSON in UTF-8 (Content-Type: application/json)");
    }
}
