package io.relationships.load;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Live progress of load runs, for GraphiQL, the admin page and the CLI. */
@Component
public class ProgressHub {

    private final ProgressFeed<LoadProgress> feed = new ProgressFeed<>(LoadProgress::finished);

    void publish(LoadProgress progress) {
        feed.publish(progress.runId(), progress);
    }

    /** Updates of a run that is running or about to; callers check that the run exists first. */
    public Flux<LoadProgress> follow(long runId) {
        return feed.follow(runId);
    }

    public LoadProgress latest(long runId) {
        return feed.latest(runId);
    }
}
