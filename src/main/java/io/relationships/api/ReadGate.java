package io.relationships.api;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import io.relationships.api.security.ApiKeys;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Until the instance is answerable ({@link Answerability}), a request that reads relationship data gets one error
 * with code UNAVAILABLE and nothing runs: {@code null} would mean "unknown", not "not yet". A request reads
 * relationship data when one of its root fields is {@code @cacheable} in the schema, or when fragments hide its
 * root fields. Loads, run history and status queries go through. The process's own warm-up requests (its
 * in-memory key) go through too.
 */
@Component
@Order(-100) // before everything that executes or keeps answers
class ReadGate implements WebGraphQlInterceptor {

    private final Answerability answerability;
    private final DocumentShapes shapes;
    private final ApiKeys keys;
    private final RootFieldPolicies policies;

    ReadGate(Answerability answerability, DocumentShapes shapes, ApiKeys keys, RootFieldPolicies policies) {
        this.answerability = answerability;
        this.shapes = shapes;
        this.keys = keys;
        this.policies = policies;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (answerability.answerable() || !readsRelationships(request.getDocument()) || warmUp(request)) {
            return chain.next(request);
        }
        var error = GraphqlErrorBuilder.newError()
                .message("The service is starting: its graph and caches are not yet complete, so it cannot answer this yet; "
                        + "try again shortly (GET /actuator/health/readiness says when)")
                .errorType(ErrorCode.UNAVAILABLE.type)
                .extensions(Map.of("code", ErrorCode.UNAVAILABLE.name()))
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                ExecutionResultImpl.newExecutionResult().addErrors(List.of(error)).build())));
    }

    private boolean readsRelationships(String document) {
        DocumentShapes.Shape shape = shapes.of(document);
        return shape.valid() && (!shape.onlyPlainFields()
                || shape.rootFields().stream().anyMatch(policies::cacheable));
    }

    private boolean warmUp(WebGraphQlRequest request) {
        String authorization = request.getHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") && keys.isInternal(authorization.substring(7).strip());
    }
}
