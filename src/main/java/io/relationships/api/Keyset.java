package io.relationships.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order of a list and the keyset cursors that point into it. A cursor holds the sort key of its item (a weight and a
 * symbol, a run's id), never a position: the page after it starts at the first item that sorts after that key, so
 * items added or removed before it (a load landing mid-walk) neither shift the next page nor make it repeat or skip an
 * item. Each cursor names its order, so one issued by another field or {@code orderBy} is refused instead of misread.
 *
 * <p>Nulls sort last whichever the direction; numbers compare by value, so a key survives its trip through JSON.
 */
final class Keyset<T> {

    /** One component of the sort key. */
    record Part<T>(Function<T, ?> value, Comparator<Object> comparator, boolean descending) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<Object> NATURAL = Keyset::compareNatural;
    private static final Comparator<Object> IGNORING_CASE = (a, b) -> String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);

    private final String name;
    private final List<Part<T>> parts;

    private Keyset(String name, List<Part<T>> parts) {
        this.name = name;
        this.parts = parts;
    }

    @SafeVarargs
    static <T> Keyset<T> of(String name, Part<T>... parts) {
        return new Keyset<>(name, List.of(parts));
    }

    /** The order of a list kept by id (runs, findings, the change log), newest or oldest first. */
    static <T> Keyset<T> byId(String name, ToLongFunction<T> id, boolean newestFirst) {
        return of(name, new Part<>(t -> id.applyAsLong(t), NATURAL, newestFirst));
    }

    static <T> Part<T> ascending(Function<T, ?> value) {
        return new Part<>(value, NATURAL, false);
    }

    static <T> Part<T> descending(Function<T, ?> value) {
        return new Part<>(value, NATURAL, true);
    }

    static <T> Part<T> ignoringCase(Function<T, String> value) {
        return new Part<>(value, IGNORING_CASE, false);
    }

    /** The items in this order (a copy). */
    List<T> sorted(Collection<T> items) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(this::compare);
        return sorted;
    }

    int compare(T a, T b) {
        for (Part<T> part : parts) {
            int c = compare(part, part.value().apply(a), part.value().apply(b));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Where {@code item} sorts against the item a cursor's key came from. */
    int compare(T item, List<Object> key) {
        for (int i = 0; i < parts.size(); i++) {
            int c = compare(parts.get(i), parts.get(i).value().apply(item), key.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    String cursor(T item) {
        List<Object> key = new ArrayList<>(parts.size() + 1);
        key.add(name);
        for (Part<T> part : parts) {
            key.add(part.value().apply(item));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
    }

    /** The sort key a cursor of this order holds; VALIDATION for anything else. */
    List<Object> key(String cursor) {
        try {
            Object[] decoded = JSON.readValue(Base64.getUrlDecoder().decode(cursor), Object[].class);
            if (decoded.length == parts.size() + 1 && name.equals(decoded[0])) {
                return Arrays.asList(decoded).subList(1, decoded.length);
            }
        } catch (IllegalArgumentException | JacksonException notOurs) {
            // said below
        }
        throw new ApiException(ErrorCode.VALIDATION, "'" + (cursor.length() > 60 ? cursor.substring(0, 60) + "…" : cursor)
                + "' is not a cursor of this list in this order (a cursor is valid for the field and order that issued it)");
    }

    /** The id a cursor of an order made by {@link #byId} holds. */
    long id(String cursor) {
        if (key(cursor).get(0) instanceof Number id) {
            return id.longValue();
        }
        throw new ApiException(ErrorCode.VALIDATION, "'" + cursor + "' is not a cursor of this list");
    }

    private static <T> int compare(Part<T> part, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = part.comparator().compare(a, b);
        return part.descending() ? -c : c;
    }

    private static int compareNatural(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return integral(x) && integral(y) ? Long.compare(x.longValue(), y.longValue()) : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new ApiException(ErrorCode.VALIDATION, "a cursor of this list holds a key of another kind");
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof BigInteger;
    }
}
