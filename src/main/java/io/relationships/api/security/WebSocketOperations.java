package io.relationships.api.security;

import java.util.List;
import java.util.Map;

import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import io.relationships.api.DocumentShapes;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Over WebSocket only reads and subscriptions: the per-operation access check ({@link GraphQlAccess}) and CSRF
 * protection stand at the HTTP door, which a WebSocket passes once, at its handshake. Changes go through
 * {@code POST /graphql}, where both apply (GraphiQL and the admin page use WebSocket or server-sent events for
 * subscriptions only).
 */
@Component
class WebSocketOperations implements WebGraphQlInterceptor {

    private final DocumentShapes shapes;

    WebSocketOperations(DocumentShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest && shapes.of(request.getDocument()).operations().contains(OperationDefinition.Operation.MUTATION)) {
            var error = GraphqlErrorBuilder.newError().errorType(ErrorType.FORBIDDEN)
                    .message("mutations are not accepted over WebSocket; send them with POST /graphql")
                    .extensions(Map.of("code", "FORBIDDEN")).build();
            return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
                    request.toExecutionInput(), graphql.ExecutionResult.newExecutionResult().errors(List.of(error)).build())));
        }
        return chain.next(request);
    }
}
