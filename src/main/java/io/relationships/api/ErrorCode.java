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
    INTERNAL(ErrorType.INTERNAL_ERROR);

    final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = type;
    }
}
