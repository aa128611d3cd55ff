package io.relationships.load;

import java.util.UUID;

import io.relationships.support.PgNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live progress of load runs, for GraphiQL, the admin page and the CLI, on every instance: each event is published
 * here and sent to the other instances ({@code NOTIFY relationships_load}), so that a client following a run gets
 * its progress whichever instance it asks.
 */
@Component
public class ProgressHub {

    private static final Logger log = LoggerFactory.getLogger(ProgressHub.class);
    static final String CHANNEL = "relationships_load";

    private final ProgressFeed<LoadProgress> feed = new ProgressFeed<>(LoadProgress::finished);
    private final PgNotifications notifications;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String instance = UUID.randomUUID().toString();

    /** Progress kept on this instance only (a step driven on its own, in a test). */
    ProgressHub() {
        this.notifications = null;
    }

    @Autowired
    ProgressHub(PgNotifications notifications) {
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this::noticed, () -> {
        });
    }

    /** A notice of one event; the current file is cut to keep it well under PostgreSQL's 8000-byte limit. */
    record Notice(String origin, LoadProgress progress) {
    }

    void publish(LoadProgress progress) {
        feed.publish(progress.runId(), progress);
        if (notifications != null) {
            LoadProgress sent = progress.currentFile() != null && progress.currentFile().length() > 500
                    ? new LoadProgress(progress.runId(), progress.phase(), progress.filesTotal(), progress.filesDone(), progress.rowsDone(),
                            "…" + progress.currentFile().substring(progress.currentFile().length() - 499), progress.finished(),
                            progress.message() == null ? null : progress.message().substring(0, Math.min(2000, progress.message().length())),
                            progress.visibleAt())
                    : progress;
            try {
                notifications.notify(CHANNEL, json.writeValueAsString(new Notice(instance, sent)));
            } catch (RuntimeException e) {
                log.debug("Could not send load progress to the other instances: {}", e.getMessage());
            }
        }
    }

    private void noticed(String payload) {
        JsonNode notice = json.readTree(payload);
        if (!instance.equals(notice.path("origin").asString())) {
            LoadProgress progress = json.treeToValue(notice.path("progress"), LoadProgress.class);
            feed.publish(progress.runId(), progress);
        }
    }

    /** Updates of a run that is running or about to; callers check that the run exists first. */
    public Flux<LoadProgress> follow(long runId) {
        return feed.follow(runId);
    }

    public LoadProgress latest(long runId) {
        return feed.latest(runId);
    }
}
