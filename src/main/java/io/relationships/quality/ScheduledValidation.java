package io.relationships.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.relationships.support.ClusterSchedule;
import io.relationships.support.ScheduledJob;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The scheduled validation ({@code relationships.quality.schedule}, a cron read in the clock's time zone; daily at
 * 06:00 by default): once per occurrence across the cluster, and once on return for an occurrence missed while every
 * instance was down. Every instance looks every 30 seconds whether an occurrence is due by the {@link Clock}; the
 * first to claim it takes the snapshot (comparing with Neo4j, alerting on regressions).
 */
@Component
class ScheduledValidation implements ScheduledJob {

    static final String JOB = "quality-validation";

    private final ClusterSchedule schedule;
    private final Clock clock;
    private final QualityMonitor monitor;
    private final CronExpression cron;
    private final String expression;
    private final Instant since;
    private final String instance = UUID.randomUUID().toString();

    ScheduledValidation(QualityProperties properties, ClusterSchedule schedule, Clock clock, QualityMonitor monitor) {
        this.schedule = schedule;
        this.clock = clock;
        this.monitor = monitor;
        this.expression = properties.schedule();
        try {
            this.cron = CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relationships.quality.schedule: '" + expression + "' is not a cron "
                    + "(second minute hour day month weekday, e.g. '0 0 6 * * *'): " + e.getMessage(), e);
        }
        this.since = clock.instant();
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void tick() {
        runIfDue();
    }

    /** Takes the snapshot when an occurrence is due and this instance claimed it; says whether it did. */
    boolean runIfDue() {
        if (!schedule.claimDue(JOB, cron, clock.getZone(), clock.instant(), since, instance)) {
            return false;
        }
        monitor.snapshotNow("schedule");
        return true;
    }

    @Override
    public String job() {
        return JOB;
    }

    @Override
    public String description() {
        return "quality validation: every check, PostgreSQL against Neo4j, a snapshot, alerts";
    }

    @Override
    public String schedule() {
        return expression;
    }

    @Override
    public Optional<Instant> lastRun() {
        return schedule.lastRun(JOB);
    }

    @Override
    public Optional<Instant> nextRun() {
        return Optional.ofNullable(schedule.nextRun(JOB, cron, clock.getZone(), clock.instant(), since));
    }
}
