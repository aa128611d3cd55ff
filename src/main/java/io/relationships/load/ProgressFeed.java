package io.relationships.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live progress of long-running work (load runs, graph syncs), per id: a subscriber first gets the latest state,
 * then every update until the work ends. Finished work is remembered for a while, so that a late subscriber
 * still sees how it ended.
 */
final class ProgressFeed<T> {

    private static final int REMEMBERED = 64;

    private final Map<Long, Sinks.Many<T>> sinks = new ConcurrentHashMap<>();
    private final Map<Long, T> latest = new ConcurrentHashMap<>();
    private final Predicate<T> finished;

    ProgressFeed(Predicate<T> finished) {
        this.finished = finished;
    }

    public void publish(long id, T progress) {
        latest.put(id, progress);
        Sinks.Many<T> sink = sinks.computeIfAbsent(id, key -> Sinks.many().replay().latest());
        sink.emitNext(progress, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
        if (finished.test(progress)) {
            sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            forgetOld();
        }
    }

    /** Updates of work that runs or is about to; callers check that the id exists first. */
    public Flux<T> follow(long id) {
        return sinks.computeIfAbsent(id, key -> Sinks.many().replay().latest()).asFlux();
    }

    public T latest(long id) {
        return latest.get(id);
    }

    private void forgetOld() {
        if (latest.size() > REMEMBERED) {
            latest.keySet().stream().sorted().limit(latest.size() - REMEMBERED).forEach(id -> {
                latest.remove(id);
                sinks.remove(id);
            });
        }
    }
}
