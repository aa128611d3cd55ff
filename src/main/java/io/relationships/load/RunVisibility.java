package io.relationships.load;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.relationships.catalog.CatalogVisibility;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes for load runs: a run that changed the catalog ends with a {@code visible} progress event once
 * its last outbox entry is visible on every instance ({@link CatalogVisibility}), and {@link #whenVisible} answers
 * a subscriber that arrives after the commit, on any instance.
 */
@Component
class RunVisibility {

    private static final Logger log = LoggerFactory.getLogger(RunVisibility.class);

    private record Pending(long lastEvent, LoadProgress committed) {
    }

    private final CatalogVisibility visibility;
    private final LoadRunStore runs;
    private final ProgressHub progress;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    RunVisibility(CatalogVisibility visibility, LoadRunStore runs, ProgressHub progress) {
        this.visibility = visibility;
        this.runs = runs;
        this.progress = progress;
        // a subscription that ends on the first error would stop announcing every later run: errors stay per run
        visibility.advances().subscribe(this::advanced, error -> log.warn("Visibility advances ended: {}", error.getMessage()));
    }

    /** Publishes the run's last event, {@code visible}, once its changes are visible everywhere (at once if it changed nothing). */
    void announceWhenVisible(long runId, LoadProgress committed) {
        Optional<Long> last = runs.lastEventId(runId);
        if (last.isEmpty()) {
            progress.publish(committed.visible(OffsetDateTime.now()));
            return;
        }
        pending.put(runId, new Pending(last.get(), committed));
        advanced(visibility.visibleThrough()); // it may have become visible before it was pending
    }

    private void advanced(long through) {
        pending.forEach((runId, waiting) -> {
            if (waiting.lastEvent() <= through && pending.remove(runId, waiting)) {
                try {
                    progress.publish(waiting.committed().visible(visibleAt(runId)));
                } catch (RuntimeException e) {
                    // one run's announcement failing must not keep the others pending
                    log.warn("Could not announce that run {} is visible: {}", runId, e.getMessage());
                }
            }
        });
    }

    /** The run's last event once it is visible: at once when it is already, else when visibility reaches it. */
    Mono<LoadProgress> whenVisible(LoadRunRecord run, LoadProgress last) {
        Optional<Long> lastEvent = runs.lastEventId(run.id());
        if (lastEvent.isEmpty() || visibility.visibleThrough() >= lastEvent.get()) {
            return Mono.just(last.visible(visibleAt(run.id())));
        }
        return Flux.merge(visibility.advances(), Flux.interval(Duration.ofMillis(500)).map(tick -> visibility.visibleThrough()))
                .filter(through -> through >= lastEvent.get())
                .next()
                .map(through -> last.visible(visibleAt(run.id())));
    }

    private OffsetDateTime visibleAt(long runId) {
        return runs.find(runId).map(LoadRunRecord::visibleAt).orElseGet(() -> OffsetDateTime.now());
    }
}
