package io.relationships.cache;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.context.ThreadLocalAccessor;

/**
 * The relationship-cache entries one answer read ({@code stock:AAPL}, {@code etf:SPY}, {@code list:etf}): an answer
 * kept by the response cache is dropped when any of them is evicted, and only then, so that a load of one ETF leaves
 * the answers about everything else in place. Collected per request: the response cache puts one into the Reactor
 * context of the execution under {@link #KEY}; Spring for GraphQL restores it as a thread-local around every data
 * fetcher and batch loader, on whatever thread they run ({@link Accessor}, registered with Micrometer's context
 * propagation through {@code META-INF/services}), and {@link RelationshipCache} records every key it serves.
 */
public final class ReadTags {

    /** Where the response cache puts the collector in the execution's context. */
    public static final String KEY = ReadTags.class.getName();

    private static final ThreadLocal<ReadTags> CURRENT = new ThreadLocal<>();

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** What was read so far. */
    public Set<String> keys() {
        return Set.copyOf(keys);
    }

    /**
     * The answer being computed also depends on data the relationship cache does not hold (the change log, a search
     * index): it is dropped by any change. A resolver under a {@code @cacheable} root that reads elsewhere says so.
     */
    public static void dependsOnAnyChange() {
        record(ANY);
    }

    /** The tag of answers that any change drops. */
    public static final String ANY = "*";

    static void record(String key) {
        ReadTags tags = CURRENT.get();
        if (tags != null) {
            tags.keys.add(key);
        }
    }

    static void recordAll(Collection<String> read) {
        ReadTags tags = CURRENT.get();
        if (tags != null) {
            tags.keys.addAll(read);
        }
    }

    /** Restores the request's collector as a thread-local wherever Spring for GraphQL runs a data fetcher. */
    public static final class Accessor implements ThreadLocalAccessor<ReadTags> {

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public ReadTags getValue() {
            return CURRENT.get();
        }

        @Override
        public void setValue(ReadTags value) {
            CURRENT.set(value);
        }

        @Override
        public void setValue() {
            CURRENT.remove();
        }
    }
}
