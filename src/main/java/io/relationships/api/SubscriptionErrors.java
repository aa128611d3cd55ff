package io.relationships.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * An error in a subscription's stream (an unknown run id, a store out of reach) reaches the client with the code and
 * message a query's error would have ({@link ErrorHandling#describe}): such errors end the stream outside of any
 * field, where the data-fetcher resolvers do not see them.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        return ErrorHandling.describe(ex, "a subscription").on(GraphqlErrorBuilder.newError()).build();
    }
}
