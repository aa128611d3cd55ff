package io.relationships.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * A request to {@code /graphql} that never reaches GraphQL (a body that is not JSON, invalid UTF-8, a batch array,
 * a wrong method or media type) still gets GraphQL's error shape with a code, not the generic error page: clients
 * read {@code errors[0].extensions.code} whatever went wrong.
 */
@Component
class GraphQlHttpErrors extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
        if (!"/graphql".equals(uri)) {
            return attributes;
        }
        int status = attributes.get("status") instanceof Integer s ? s : 500;
        String message = switch (status) {
            case 400 -> "the request is not a GraphQL request this service can read: send one JSON object in UTF-8 with 'query' "
                    + "(and optionally 'variables', 'operationName', 'extensions'); batches (JSON arrays) are not supported";
            case 405 -> "use POST (or GET for queries) on /graphql";
            case 406, 415 -> "send Content-Type: application/json and accept application/json or application/graphql-response+json";
            default -> "the request failed before it reached GraphQL (HTTP " + status + ")";
        };
        Map<String, Object> graphQl = new LinkedHashMap<>();
        graphQl.put("errors", List.of(Map.of("message", message,
                "extensions", Map.of("code", status >= 500 ? ErrorCode.INTERNAL.name() : ErrorCode.BAD_REQUEST.name()))));
        return graphQl;
    }
}
