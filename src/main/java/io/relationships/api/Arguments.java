package io.relationships.api;

import io.relationships.load.Finding;

/**
 * Arguments checked into plain VALIDATION errors before anything runs: the numeric ids of runs and sync passes
 * (GraphQL {@code ID}s arrive as text), and {@code first} on lists that are not connections.
 */
final class Arguments {

    private Arguments() {
    }

    /** A run's or a sync pass's id: a positive whole number. */
    static long id(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException notANumber) {
            // said below
        }
        throw new ApiException(ErrorCode.VALIDATION, "'" + name + "' must be a run id, a positive whole number; '"
                + Finding.excerpt(value) + "' is not one");
    }

    /** {@code first} of a plain list: {@code defaultValue} when absent, else 0 to {@code max}. */
    static int first(Integer first, int defaultValue, int max) {
        if (first == null) {
            return defaultValue;
        }
        if (first < 0 || first > max) {
            throw new ApiException(ErrorCode.VALIDATION, "'first' must be between 0 and " + max + ", not " + first);
        }
        return first;
    }
}
