package io.relationships.api;

import java.util.List;

import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A subscription sent as a plain HTTP request (neither over WebSocket nor asking for server-sent events) is answered
 * with a BAD_REQUEST error that says how to subscribe, instead of its event stream serialised as an object
 * ({@code {"upstreamPublisher": …}}). GraphiQL sends one when it runs a document it has not parsed yet; a client may
 * by mistake. Nothing has subscribed to the stream, so nothing of it ran.
 */
@Component
class SubscriptionsOverHttp implements WebGraphQlInterceptor {

    static final String MESSAGE = "a subscription needs a stream: send it over WebSocket (graphql-transport-ws) on /graphql, "
            + "or over HTTP with Accept: text/event-stream";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest || request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM)) {
            return chain.next(request);
        }
        return chain.next(request).map(response -> response.getData() instanceof Publisher<?>
                ? response.transform(answer -> answer.data(null).errors(List.of(new ErrorHandling.Described(ErrorCode.BAD_REQUEST, MESSAGE)
                        .on(GraphqlErrorBuilder.newError()).build())))
                : response);
    }
}
