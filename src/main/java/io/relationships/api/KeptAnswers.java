package io.relationships.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.relationships.cache.ReadTags;
import org.springframework.util.unit.DataSize;

/**
 * The response cache's store: whole answers under their request keys, each indexed by the relationship-cache entries
 * it was built from (its {@code ReadTags}). An eviction of some of those entries drops exactly the answers that read
 * them; an answer with no recorded read (nothing says what it depends on) is dropped by any eviction.
 *
 * <p>An answer computed while an eviction touched what it read must not be kept: {@link #put} is given the
 * generation its computation started at and refuses the answer if an eviction since then named one of its tags (or
 * everything, or happened too long ago to tell). Puts and evictions take one lock; hits do not.
 */
final class KeptAnswers {

    /** The tag of answers that depend on anything: evicted by every eviction. */
    static final String ANY = ReadTags.ANY;
    /** Evictions remembered for {@link #put}'s check; a computation that outlived this many is not kept. */
    private static final int REMEMBERED = 256;
    /** The index is cleared of answers the size bound dropped once per this many puts. */
    private static final int PRUNE_EVERY = 10_000;

    private record Eviction(long generation, Set<String> tags) {
        boolean touches(Set<String> answerTags) {
            return tags == null || answerTags.contains(ANY) || answerTags.stream().anyMatch(tags::contains);
        }
    }

    private final Cache<String, byte[]> answers;
    /** tag → request keys of the answers that read it; may name answers the size bound has since dropped. */
    private final Map<String, Set<String>> byTag = new HashMap<>();
    private final Deque<Eviction> recent = new ArrayDeque<>();
    private final Object lock = new Object();
    private volatile long generation;
    private int putsSincePrune;

    KeptAnswers(DataSize maxSize) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, byte[] body) -> key.length() * 2 + body.length + 64)
                .build();
    }

    byte[] get(String key) {
        return answers.getIfPresent(key);
    }

    /** Where a computation starts: {@link #put} compares the evictions since with what it read. */
    long generation() {
        return generation;
    }

    /** Keeps the answer under these keys unless an eviction since {@code startedAt} touched what it read. */
    boolean put(List<String> keys, byte[] answer, Set<String> readTags, long startedAt) {
        Set<String> tags = readTags.isEmpty() ? Set.of(ANY) : readTags;
        synchronized (lock) {
            if (startedAt != generation) {
                if (recent.isEmpty() || recent.peekFirst().generation() > startedAt + 1) {
                    return false; // evictions since then are forgotten: cannot tell, so do not keep
                }
                for (Eviction eviction : recent) {
                    if (eviction.generation() > startedAt && eviction.touches(tags)) {
                        return false;
                    }
                }
            }
            for (String key : keys) {
                answers.put(key, answer);
                for (String tag : tags) {
                    byTag.computeIfAbsent(tag, t -> new HashSet<>()).add(key);
                }
            }
            if (++putsSincePrune >= PRUNE_EVERY) {
                pruneIndex();
                putsSincePrune = 0;
            }
            return true;
        }
    }

    /** Drops the answers that read any of these entries (and those that depend on anything). */
    void evict(Set<String> tags) {
        synchronized (lock) {
            remember(new Eviction(generation + 1, Set.copyOf(tags)));
            Set<String> keys = new HashSet<>();
            for (String tag : tags) {
                Set<String> reading = byTag.remove(tag);
                if (reading != null) {
                    keys.addAll(reading);
                }
            }
            Set<String> any = byTag.remove(ANY);
            if (any != null) {
                keys.addAll(any);
            }
            answers.invalidateAll(keys);
            generation++;
        }
    }

    void evictAll() {
        synchronized (lock) {
            remember(new Eviction(generation + 1, null));
            answers.invalidateAll();
            byTag.clear();
            generation++;
        }
    }

    long size() {
        return answers.estimatedSize();
    }

    private void remember(Eviction eviction) {
        recent.addLast(eviction);
        while (recent.size() > REMEMBERED) {
            recent.removeFirst();
        }
    }

    /** The index names answers the size bound dropped long ago: keep only the keys still held. */
    private void pruneIndex() {
        Set<String> held = answers.asMap().keySet();
        byTag.values().forEach(keys -> keys.retainAll(held));
        byTag.values().removeIf(Set::isEmpty);
    }
}
