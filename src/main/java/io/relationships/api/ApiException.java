package io.relationships.api;

/** A request the API refuses, with the stable code clients read from {@code extensions.code}. */
class ApiException extends RuntimeException {

    private final ErrorCode code;

    ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
