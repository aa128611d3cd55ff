package io.relationships.api;

import java.util.Locale;
import java.util.Map;

import io.relationships.load.Trigger;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is asking: the CLI and the admin page say so in {@code X-Relationships-Client}, so that load runs record
 * the right trigger; everything else is a GraphQL client.
 */
@Component
class RequestContext implements WebGraphQlInterceptor {

    static final String CLIENT_HEADER = "X-Relationships-Client";
    static final String TRIGGER = "trigger";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String client = request.getHeaders().getFirst(CLIENT_HEADER);
        Trigger trigger = switch (client == null ? "" : client.toLowerCase(Locale.ROOT)) {
            case "cli" -> Trigger.CLI;
            case "admin" -> Trigger.ADMIN;
            default -> Trigger.GRAPHQL;
        };
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(TRIGGER, trigger)).build());
        return chain.next(request);
    }
}
