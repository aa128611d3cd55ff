package io.relationships.quality;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.relationships.catalog.CatalogChanged;
import io.relationships.graph.GraphSynced;
import io.relationships.support.IdWindow;
import io.relationships.support.Privileged;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Keeps the quality history: a snapshot on the configured schedule (daily by default, see {@link ScheduledValidation}),
 * after every load and after every graph sync. Each snapshot is compared with the one before for alerts, and its figures are exported as
 * gauges (relationships.quality.*) for Prometheus.
 */
@Service
public class QualityMonitor {

    private static final Logger log = LoggerFactory.getLogger(QualityMonitor.class);

    private final QualityService quality;
    private final QualitySnapshots snapshots;
    private final Alerts alerts;
    private final QualityProperties properties;
    /** One evaluation at a time, on a thread of its own (Boot's executor builder): an evaluation may take seconds. */
    private final ThreadPoolTaskExecutor executor;
    private final TaskScheduler scheduler;
    private final AtomicReference<DataQuality> last = new AtomicReference<>();
    /** The snapshot the next changes fold into, and when the last one started. */
    private final Object timing = new Object();
    private ScheduledFuture<?> next;
    private String nextTrigger;
    private Instant lastStarted = Instant.EPOCH;

    private final ObjectProvider<QualityMonitor> self;

    /** Through the proxy, so that the method security of {@link #snapshot} applies to the service's own snapshots too. */
    private QualityMonitor self() {
        return self.getObject();
    }

    QualityMonitor(QualityService quality, QualitySnapshots snapshots, Alerts alerts, QualityProperties properties, MeterRegistry meters,
                   ObjectProvider<QualityMonitor> self, TaskScheduler scheduler,
                   ThreadPoolTaskExecutorBuilder executors) {
        this.self = self;
        this.scheduler = scheduler;
        this.executor = executors.corePoolSize(1).maxPoolSize(1).threadNamePrefix("quality-snapshots-").build();
        this.executor.initialize();
        this.quality = quality;
        this.snapshots = snapshots;
        this.alerts = alerts;
        this.properties = properties;
        Gauge.builder("relationships.quality.sector.unknown.share", last, q -> q.get() == null ? Double.NaN : q.get().unknownShare())
                .description("share of universe members without a sector").register(meters);
        Gauge.builder("relationships.quality.integrity", last, q -> q.get() == null ? Double.NaN : q.get().integrity())
                .description("share of groups that agree between PostgreSQL and Neo4j").register(meters);
        Gauge.builder("relationships.quality.checks.failing", last, q -> q.get() == null ? Double.NaN
                : q.get().checks().stream().filter(c -> c.status() == QualityCheck.Status.FAIL).count()).register(meters);
        Gauge.builder("relationships.quality.stale.etfs", last, q -> q.get() == null ? Double.NaN
                : q.get().checks().stream().filter(c -> c.name().equals("etf_freshness")).mapToDouble(QualityCheck::value).sum()).register(meters);
    }

    @EventListener
    void afterLoad(CatalogChanged changed) {
        snapshotSoon("load " + changed.runId());
    }

    @EventListener
    void afterSync(GraphSynced synced) {
        snapshotSoon("sync");
    }

    /**
     * A snapshot soon, folded with the others asked for meanwhile: a load and the sync that follows it make one
     * snapshot, and while changes keep coming (a load a second) snapshots start at most once per
     * {@code relationships.quality.snapshot-spacing}, so background evaluation does not grow with the change rate.
     */
    void snapshotSoon(String trigger) {
        synchronized (timing) {
            if (next != null) {
                return; // folded into the one already planned
            }
            Instant now = Instant.now();
            Instant settled = now.plus(properties.snapshotSettle());
            Instant spaced = lastStarted.plus(properties.snapshotSpacing());
            nextTrigger = trigger;
            next = scheduler.schedule(() -> executor.execute(this::takePlanned), settled.isAfter(spaced) ? settled : spaced);
        }
    }

    /**
     * The scheduled validation: at once, whatever the spacing, under its own name; a snapshot planned after changes is
     * taken by it (it evaluates the same catalog).
     */
    void snapshotNow(String trigger) {
        synchronized (timing) {
            if (next != null) {
                next.cancel(false);
            }
            nextTrigger = trigger;
            next = scheduler.schedule(() -> executor.execute(this::takePlanned), Instant.now());
        }
    }

    private void takePlanned() {
        String trigger;
        synchronized (timing) {
            if (next == null) {
                return; // taken already by awaitPendingSnapshots
            }
            next = null;
            trigger = nextTrigger;
            lastStarted = Instant.now();
        }
        try {
            Privileged.runAs("quality", () -> self().snapshot(trigger));
        } catch (RuntimeException e) {
            log.warn("Quality snapshot ({}) failed: {}", trigger, e.getMessage());
        }
    }

    /** Takes the snapshot already asked for (after loads and syncs) now, and waits until it is recorded and alerted on. */
    public void awaitPendingSnapshots() {
        synchronized (timing) {
            if (next != null) {
                next.cancel(false);
            }
        }
        try {
            executor.submit(this::takePlanned).get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("quality snapshots did not finish", e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Evaluates, records, alerts; returns the alerts that were sent. */
    @PreAuthorize("hasRole('OPERATOR')")
    public synchronized List<QualityAlert> snapshot(String trigger) {
        DataQuality now = quality.evaluate(properties.driftOnSnapshot());
        Optional<QualitySnapshot> previous = snapshots.since(null, 1).stream().findFirst();
        QualitySnapshot recorded = snapshots.record(trigger, now);
        last.set(now);
        return alerts.raise(recorded, previous);
    }

    public List<QualitySnapshot> history(OffsetDateTime since, int limit) {
        return snapshots.since(since, limit);
    }

    /** A page of the snapshots taken at or after {@code since} (all when null), newest first. */
    public List<QualitySnapshot> history(OffsetDateTime since, IdWindow window) {
        return snapshots.since(since, window);
    }

    /** How many snapshots were taken at or after {@code since} (all when null). */
    public int historySize(OffsetDateTime since) {
        return snapshots.count(since);
    }
}
