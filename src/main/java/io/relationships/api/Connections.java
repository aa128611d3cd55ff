package io.relationships.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Relay-style connections over an ordered list: opaque cursors that encode a position, {@code first} bounded by
 * configuration, {@code totalCount} for free.
 */
final class Connections {

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    record Edge<T>(String cursor, T node, Double weight) {
    }

    record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, int totalCount) {
    }

    private Connections() {
    }

    static int pageSize(Integer first, ApiProperties properties) {
        if (first == null) {
            return properties.defaultPageSize();
        }
        if (first < 0) {
            throw new ApiException(ErrorCode.VALIDATION, "first must not be negative");
        }
        if (first > properties.maxPageSize()) {
            throw new ApiException(ErrorCode.VALIDATION, "first may be at most " + properties.maxPageSize()
                    + " (relationships.api.max-page-size); page with 'after' for more");
        }
        return first;
    }

    /** A page of {@code items}: the ones after the cursor {@code after}, at most {@code size}. */
    static <S, T> Connection<T> page(List<S> items, Integer first, String after, ApiProperties properties,
                                     BiFunction<S, Integer, Edge<T>> edge) {
        int size = pageSize(first, properties);
        int start = after == null ? 0 : offset(after) + 1;
        int end = Math.min(items.size(), start + size);
        List<Edge<T>> edges = new java.util.ArrayList<>(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            edges.add(edge.apply(items.get(i), i));
        }
        return new Connection<>(edges, new PageInfo(end < items.size(), start > 0,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                items.size());
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(decoded.substring(2));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION, "'" + cursor + "' is not a cursor this API issued");
        }
    }
}
