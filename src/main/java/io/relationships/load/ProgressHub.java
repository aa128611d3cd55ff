package io.relationships.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live progress of runs, per run: each subscriber first gets the latest state, then every update until the run
 * ends. Finished runs are remembered for a while so that a late subscriber still sees how they ended.
 */
@Component
public class ProgressHub {

    private static final int REMEMBERED_RUNS = 64;

    private final Map<Long, Sinks.Many<LoadProgress>> sinks = new ConcurrentHashMap<>();
    private final Map<Long, LoadProgress> latest = new ConcurrentHashMap<>();

    void publish(LoadProgress progress) {
        latest.put(progress.runId(), progress);
        Sinks.Many<LoadProgress> sink = sinks.computeIfAbsent(progress.runId(), id -> Sinks.many().replay().latest());
        sink.emitNext(progress, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
        if (progress.finished()) {
            sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            forgetOldRuns();
        }
    }

    /** Updates of a run that is running or about to; callers check that the run exists first. */
    public Flux<LoadProgress> follow(long runId) {
        return sinks.computeIfAbsent(runId, id -> Sinks.many().replay().latest()).asFlux();
    }

    public LoadProgress latest(long runId) {
        return latest.get(runId);
    }

    private void forgetOldRuns() {
        if (latest.size() > REMEMBERED_RUNS) {
            latest.keySet().stream().sorted().limit(latest.size() - REMEMBERED_RUNS).forEach(id -> {
                latest.remove(id);
                sinks.remove(id);
            });
        }
    }
}
