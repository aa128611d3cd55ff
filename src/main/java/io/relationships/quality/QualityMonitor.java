package io.relationships.quality;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.relationships.catalog.CatalogChanged;
import io.relationships.graph.GraphSynced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
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
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "quality-snapshots");
        thread.setDaemon(true);
        return thread;
    });
    /** A snapshot asked for while one is pending is folded into it. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicReference<DataQuality> last = new AtomicReference<>();

    private final org.springframework.beans.factory.ObjectProvider<QualityMonitor> self;

    /** Through the proxy, so that the method security of {@link #snapshot} applies to the service's own snapshots too. */
    private QualityMonitor self() {
        return self.getObject();
    }

    QualityMonitor(QualityService quality, QualitySnapshots snapshots, Alerts alerts, QualityProperties properties, MeterRegistry meters,
                   org.springframework.beans.factory.ObjectProvider<QualityMonitor> self) {
        this.self = self;
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

    void snapshotSoon(String trigger) {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                try {
                    io.relationships.support.Privileged.runAs("quality", () -> self().snapshot(trigger));
                } catch (RuntimeException e) {
                    log.warn("Quality snapshot ({}) failed: {}", trigger, e.getMessage());
                }
            });
        }
    }

    /** Waits until the snapshots already asked for (after loads and syncs) have been recorded and alerted on. */
    public void awaitPendingSnapshots() {
        try {
            // single-threaded and first-in first-out: once this no-op has run, everything queued before it has too
            executor.submit(() -> { }).get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("quality snapshots did not finish", e);
        }
    }

    /** Evaluates, records, alerts; returns the alerts that were sent. */
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('OPERATOR')")
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
}
