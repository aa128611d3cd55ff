package io.relationships.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.relationships.support.IdWindow;

/**
 * Relay connections, one page at a time, with keyset cursors ({@link Keyset}): over a list in memory (a group's members
 * from the cache), or over a table that a store reads by id a page at a time ({@link Slice}).
 */
final class Connections {

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** An edge; {@code weight} only where the schema's edge has one ({@code StockEdge}). */
    record Edge<T>(String cursor, T node, Double weight) {

        Edge(String cursor, T node) {
            this(cursor, node, null);
        }
    }

    record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, int totalCount) {
    }

    /** A store's read of one page of a list it keeps by id, in the list's order. */
    @FunctionalInterface
    interface Slice<T> {
        List<T> read(IdWindow window);
    }

    private Connections() {
    }

    /** A page of {@code sorted} (which must be in {@code order}), each item made an edge by {@code edge}. */
    static <T, N> Connection<N> page(List<T> sorted, Keyset<T> order, Paging paging, BiFunction<T, String, Edge<N>> edge) {
        int from = paging.after() == null ? 0 : firstAfter(sorted, order, order.key(paging.after()), false);
        int to = paging.before() == null ? sorted.size() : Math.max(from, firstAfter(sorted, order, order.key(paging.before()), true));
        if (paging.backward()) {
            from = Math.max(from, to - paging.size());
        } else {
            to = Math.min(to, from + paging.size());
        }
        List<Edge<N>> edges = new ArrayList<>(to - from);
        for (T item : sorted.subList(from, to)) {
            edges.add(edge.apply(item, order.cursor(item)));
        }
        return connection(edges, to < sorted.size(), from > 0, sorted.size());
    }

    /**
     * A page of keys made a page of what they name, read for the page alone by {@code load}; a key {@code load} no
     * longer finds (gone since the keys were listed) leaves the page.
     */
    static <K, N> Connection<N> load(Connection<K> keys, Function<List<K>, Map<K, N>> load) {
        Map<K, N> nodes = load.apply(keys.edges().stream().map(Edge::node).toList());
        List<Edge<N>> edges = new ArrayList<>(keys.edges().size());
        for (Edge<K> edge : keys.edges()) {
            N node = nodes.get(edge.node());
            if (node != null) {
                edges.add(new Edge<>(edge.cursor(), node, edge.weight()));
            }
        }
        return new Connection<>(edges, keys.pageInfo(), keys.totalCount());
    }

    /** As {@link #page}, the edge's node the item itself. */
    static <T> Connection<T> page(List<T> sorted, Keyset<T> order, Paging paging) {
        return page(sorted, order, paging, (item, cursor) -> new Edge<>(cursor, item));
    }

    /**
     * A page of a list a store reads by id ({@code order} made by {@link Keyset#byId}): one read of one more item than
     * the page holds, to know whether more follow. Whether items lie on the other side of the page is known from the
     * cursors given, not read: a page after a cursor has items before it.
     */
    static <T, N> Connection<N> slice(Slice<T> slice, Keyset<T> order, Paging paging, int totalCount, BiFunction<T, String, Edge<N>> edge) {
        Long after = paging.after() == null ? null : order.id(paging.after());
        Long before = paging.before() == null ? null : order.id(paging.before());
        List<T> read = slice.read(new IdWindow(after, before, paging.size() + 1, paging.backward()));
        boolean more = read.size() > paging.size();
        List<T> page = !more ? read : paging.backward() ? read.subList(1, read.size()) : read.subList(0, paging.size());
        List<Edge<N>> edges = new ArrayList<>(page.size());
        for (T item : page) {
            edges.add(edge.apply(item, order.cursor(item)));
        }
        return paging.backward() ? connection(edges, before != null, more, totalCount) : connection(edges, more, after != null, totalCount);
    }

    static <T> Connection<T> slice(Slice<T> slice, Keyset<T> order, Paging paging, int totalCount) {
        return slice(slice, order, paging, totalCount, (item, cursor) -> new Edge<>(cursor, item));
    }

    private static <N> Connection<N> connection(List<Edge<N>> edges, boolean hasNext, boolean hasPrevious, int totalCount) {
        return new Connection<>(edges, new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), totalCount);
    }

    /** The index of the first item that sorts after {@code key} (or at or after it, when {@code inclusive}). */
    private static <T> int firstAfter(List<T> sorted, Keyset<T> order, List<Object> key, boolean inclusive) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            int c = order.compare(sorted.get(middle), key);
            if (c > 0 || (inclusive && c == 0)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
