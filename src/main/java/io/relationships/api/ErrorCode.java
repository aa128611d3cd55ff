package io.relationships.api;

import org.springframework.graphql.execution.ErrorType;

/** The codes clients rely on in {@code errors[].extensions.code}. */
enum ErrorCode {
    NOT_FOUND(ErrorType.NOT_FOUND),
    /** the request's arguments or document are not valid */
    VALIDATION(ErrorType.BAD_REQUEST),
    BAD_REQUEST(ErrorType.BAD_REQUEST),
    LOAD_RUNNING(ErrorType.BAD_REQUEST),
    CONFLICT(ErrorType.BAD_REQUEST),
    UNAUTHENTICATED(ErrorType.UNAUTHORIZED),
    FORBIDDEN(ErrorType.FORBIDDEN),
    PERSISTED_QUERY_NOT_FOUND(ErrorType.BAD_REQUEST),
    /** deeper, costlier or wider than the configured limits; nothing ran */
    QUERY_TOO_COMPLEX(ErrorType.BAD_REQUEST),
    /** the request ran past the configured timeout and was stopped */
    TIMEOUT(ErrorType.INTERNAL_ERROR),
    /** the response would be larger than the configured cap */
    RESULT_TOO_LARGE(ErrorType.BAD_REQUEST),
    /** the request body is larger than the configured maximum */
    PAYLOAD_TOO_LARGE(ErrorType.BAD_REQUEST),
    /** PostgreSQL or Neo4j cannot be reached just now; the request may be retried */
    UNAVAILABLE(ErrorType.INTERNAL_ERROR),
    INTERNAL(ErrorType.INTERNAL_ERROR);

    final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = type;
    }
}
