package io.relationships.api;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.relationships.graph.GraphNotReadyException;
import io.relationships.load.LoadException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import reactor.core.publisher.Mono;

/**
 * Every error a client sees has a stable {@code extensions.code} and a message a person can act on; internal
 * failures are logged with an id and reported by that id only, never with a stack trace.
 */
@Component
class ErrorHandling extends DataFetcherExceptionResolverAdapter implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    /** What a client is told of an exception: its stable code and a message a person can act on. */
    record Described(ErrorCode code, String message) {

        GraphqlErrorBuilder<?> on(GraphqlErrorBuilder<?> error) {
            return error.errorType(code.type).message(message).extensions(Map.of("code", code.name()));
        }
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return describe(ex, env.getExecutionStepInfo().getPath()).on(GraphqlErrorBuilder.newError(env)).build();
    }

    /** The same for queries, mutations and the events of subscriptions; {@code where} goes to the log only. */
    static Described describe(Throwable ex, Object where) {
        ErrorCode code;
        String message;
        if (ex instanceof ApiException api) {
            code = api.code();
            message = api.getMessage();
        } else if (ex instanceof LoadException load) {
            code = switch (load.code()) {
                case LOAD_RUNNING -> ErrorCode.LOAD_RUNNING;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case CONFLICT -> ErrorCode.CONFLICT;
                case BAD_REQUEST -> ErrorCode.BAD_REQUEST;
            };
            message = load.getMessage();
        } else if (ex instanceof AccessDeniedException) {
            boolean anonymous = SecurityContextHolder.getContext().getAuthentication() == null
                    || SecurityContextHolder.getContext().getAuthentication()
                    instanceof AnonymousAuthenticationToken;
            code = anonymous ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
            message = anonymous ? "this operation needs credentials (an API key)" : "this operation needs a larger role";
        } else if (ex instanceof AuthenticationException) {
            code = ErrorCode.UNAUTHENTICATED;
            message = "this operation needs credentials (an API key)";
        } else if (causedBy(ex, GraphNotReadyException.class)) {
            code = ErrorCode.UNAVAILABLE;
            message = "The graph is being built from the catalog (a new or emptied Neo4j) and answers once it is complete; "
                    + "try again shortly";
        } else if (unavailable(ex) != null) {
            code = ErrorCode.UNAVAILABLE;
            message = unavailable(ex) + " cannot be reached just now; the request changed nothing, try again shortly";
            log.warn("{} at {}: {}", message, where, ex.toString());
        } else if (ex instanceof IllegalArgumentException) {
            code = ErrorCode.VALIDATION;
            message = ex.getMessage();
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            log.error("Internal error {} at {}", id, where, ex);
            code = ErrorCode.INTERNAL;
            message = "Internal error " + id + "; the service's log has the details";
        }
        return new Described(code, message);
    }

    /** Which store an exception says is out of reach, or null: the cause chain decides, not the message. */
    static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String unavailable(Throwable ex) {
        if (causedBy(ex, DataAccessResourceFailureException.class)
                || causedBy(ex, CannotCreateTransactionException.class)
                || causedBy(ex, SQLTransientConnectionException.class)
                || causedBy(ex, SQLNonTransientConnectionException.class)) {
            return "The catalog database (PostgreSQL)";
        }
        if (causedBy(ex, ServiceUnavailableException.class)
                || causedBy(ex, SessionExpiredException.class)) {
            return "The graph (Neo4j)";
        }
        return null;
    }

    /** Errors raised before execution (syntax, validation) get a code too. */
    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            if (response.getErrors().isEmpty() || response.getErrors().stream().allMatch(e -> e.getExtensions() != null
                    && e.getExtensions().containsKey("code"))) {
                return response;
            }
            return response.transform(builder -> builder.errors(withCodes(response.getErrors())));
        });
    }

    private static List<GraphQLError> withCodes(List<ResponseError> errors) {
        List<GraphQLError> coded = new ArrayList<>();
        for (var error : errors) {
            Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
            extensions.putIfAbsent("code", codeFor(error.getErrorType()).name());
            coded.add(GraphqlErrorBuilder.newError()
                    .message(error.getMessage())
                    .locations(error.getLocations())
                    .path(error.getParsedPath())
                    .errorType(error.getErrorType())
                    .extensions(extensions)
                    .build());
        }
        return coded;
    }

    private static ErrorCode codeFor(ErrorClassification type) {
        if (type instanceof ErrorType errorType) {
            return switch (errorType) {
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
                case FORBIDDEN -> ErrorCode.FORBIDDEN;
                case INTERNAL_ERROR -> ErrorCode.INTERNAL;
                case BAD_REQUEST -> ErrorCode.VALIDATION;
            };
        }
        // graphql-java's own: ValidationError, InvalidSyntax, OperationNotSupported, …
        return ErrorCode.VALIDATION;
    }
}
