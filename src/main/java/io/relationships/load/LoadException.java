package io.relationships.load;

/** A load that cannot start or finish, with a stable code the API passes on. */
public class LoadException extends RuntimeException {

    public enum Code {
        /** another load holds the lock */
        LOAD_RUNNING,
        /** the request itself is wrong (unknown directory, file outside the allowed roots, …) */
        BAD_REQUEST,
        NOT_FOUND,
        /** rollback refused: later runs touched the same groups, the run was a dry run, … */
        CONFLICT
    }

    private final Code code;

    public LoadException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
