package io.relationships.load;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.relationships.support.PgNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live progress of load runs, for GraphiQL, the admin page and the CLI, on every instance: each event is published
 * here and sent to the other instances ({@code NOTIFY relationships_load}), so that a client following a run gets
 * its progress whichever instance it asks. The notices go at once, not at the commit of the run's transaction, and
 * are thinned to every phase change, every end and a few a second in between.
 */
@Component
public class ProgressHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProgressHub.class);
    static final String CHANNEL = "relationships_load";

    private final ProgressFeed<LoadProgress> feed = new ProgressFeed<>(LoadProgress::finished);
    private final PgNotifications notifications;
    /**
     * Sends the notices: outside the run's transaction (so they go at once, not in a burst at its commit), and
     * without the run waiting for a connection to tell the other instances how it does.
     */
    private final ThreadPoolTaskExecutor sender;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String instance = UUID.randomUUID().toString();
    /** Runs of this instance: the phase and time of the event last sent to the other instances. */
    private final Map<Long, Sent> lastSent = new ConcurrentHashMap<>();
    static final Duration SENT_EVERY = Duration.ofMillis(200);

    /** Progress kept on this instance only (a step driven on its own, in a test). */
    ProgressHub() {
        this.notifications = null;
        this.sender = null;
    }

    @Autowired
    ProgressHub(PgNotifications notifications, ThreadPoolTaskExecutorBuilder executors) {
        this.notifications = notifications;
        // one thread: the notices leave in the order of the events, and a busy pool never holds up the run
        this.sender = executors.corePoolSize(1).maxPoolSize(1).threadNamePrefix("progress-notices-").build();
        this.sender.setDaemon(true);
        this.sender.initialize();
        notifications.subscribe(CHANNEL, this::noticed, () -> {
        });
    }

    @Override
    public void destroy() {
        if (sender != null) {
            sender.shutdown();
        }
    }

    /** A notice of one event; its file and message are cut to keep it well under PostgreSQL's 8000-byte limit. */
    record Notice(String origin, LoadProgress progress) {
    }

    void publish(LoadProgress progress) {
        feed.publish(progress.runId(), progress);
        if (notifications != null && worthSending(progress)) {
            LoadProgress sent = new LoadProgress(progress.runId(), progress.phase(), progress.filesTotal(), progress.filesDone(),
                    progress.rowsDone(), tail(progress.currentFile(), 500), progress.finished(), head(progress.message(), 2000),
                    progress.visibleAt());
            String notice = json.writeValueAsString(new Notice(instance, sent));
            sender.execute(() -> {
                try {
                    notifications.notify(CHANNEL, notice); // no transaction on this thread: sent at once
                } catch (RuntimeException e) {
                    log.debug("Could not send load progress to the other instances: {}", e.getMessage());
                }
            });
        }
    }

    /**
     * Whether the other instances hear of this event: every change of phase, the last file of a phase and every
     * run's end, and otherwise at most one event per {@link #SENT_EVERY} — a run over many small files would else
     * send one notice per file.
     */
    private boolean worthSending(LoadProgress progress) {
        if (progress.finished()) {
            lastSent.remove(progress.runId());
            return true;
        }
        long now = System.nanoTime();
        Sent last = lastSent.get(progress.runId());
        boolean lastFile = progress.filesTotal() > 0 && progress.filesDone() == progress.filesTotal();
        if (last == null || !Objects.equals(last.phase(), progress.phase()) || lastFile || now - last.atNanos() >= SENT_EVERY.toNanos()) {
            lastSent.put(progress.runId(), new Sent(progress.phase(), now));
            return true;
        }
        return false;
    }

    private static String tail(String text, int max) {
        return text == null || text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }

    private static String head(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private record Sent(String phase, long atNanos) {
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
