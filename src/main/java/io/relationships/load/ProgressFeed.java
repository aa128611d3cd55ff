package io.relationships.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Live progress of long-running work (load runs, graph syncs), per id: a subscriber first gets the latest state,
 * then every update until the work ends. Finished work is remembered for a while, so that a late subscriber
 * still sees how it ended.
 */
final class ProgressFeed<T> {

    private static final Logger log = LoggerFactory.getLogger(ProgressFeed.class);

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
        boolean ended = finished.test(progress);
        try {
            sink.emitNext(progress, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            if (ended) {
                sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            }
        } catch (RuntimeException followerFailed) {
            // followers get their updates on threads of their own (see follow), so this is a last guard: whatever a
            // follower does, the work that publishes goes on
            log.debug("A follower of {} failed: {}", id, followerFailed.getMessage());
        }
        if (ended) {
            forgetOld();
        }
    }

    /**
     * Updates of work that runs or is about to; callers check that the id exists first. Each follower gets them on
     * a thread of its own, not on the publisher's: a follower whose client has gone (a CLI that returned with
     * {@code --no-wait}, a closed browser tab) fails when it writes, and that failure must neither reach the work
     * that publishes nor keep the update from the other followers.
     */
    public Flux<T> follow(long id) {
        return sinks.computeIfAbsent(id, key -> Sinks.many().replay().latest()).asFlux().publishOn(Schedulers.boundedElastic());
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
