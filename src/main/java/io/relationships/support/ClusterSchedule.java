package io.relationships.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs run once per cluster. Every instance's timer fires at the same minute; the first to claim that
 * minute for the job ({@code scheduled_runs}) runs it, the others skip it. Claims older than a month are forgotten.
 * <p>
 * A job on a cron ({@link #claimDue}) is claimed by its occurrence rather than by when a timer fired: every instance
 * names the same slot, and an occurrence missed while every instance was down is run once when one is back.
 */
@Component
public class ClusterSchedule {

    private final JdbcClient jdbc;

    ClusterSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this instance runs {@code job} for the minute that contains {@code firedAt}. */
    public boolean claim(String job, Instant firedAt, String instance) {
        Instant slot = firedAt.truncatedTo(ChronoUnit.MINUTES);
        int claimed = jdbc.sql("insert into scheduled_runs (job, slot, instance) values (?, ?, ?) on conflict do nothing")
                .params(job, Timestamp.from(slot), instance).update();
        if (claimed == 1) {
            jdbc.sql("delete from scheduled_runs where job = ? and slot < now() - interval '31 days'").param(job).update();
        }
        return claimed == 1;
    }

    /**
     * Whether this instance runs {@code job} now: true when an occurrence of {@code cron} at or before {@code now}
     * (in {@code zone}) has not run yet — counted from the last occurrence any instance claimed, or from {@code since}
     * for a job never claimed — and this instance claimed the latest such occurrence.
     */
    public boolean claimDue(String job, CronExpression cron, ZoneId zone, Instant now, Instant since, String instance) {
        return due(job, cron, zone, now, since).filter(slot -> claim(job, slot, instance)).isPresent();
    }

    /** When {@code job} runs next: now when an occurrence is due and unclaimed, else its next occurrence. */
    public Instant nextRun(String job, CronExpression cron, ZoneId zone, Instant now, Instant since) {
        if (due(job, cron, zone, now, since).isPresent()) {
            return now;
        }
        return next(cron, zone, lastRun(job).filter(last -> last.isAfter(now)).orElse(now));
    }

    /** The last occurrence any instance claimed for {@code job}. */
    public Optional<Instant> lastRun(String job) {
        return jdbc.sql("select max(slot) from scheduled_runs where job = ?").param(job).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** The latest occurrence at or before {@code now} after the last claimed one (or {@code since}); empty when none is. */
    private Optional<Instant> due(String job, CronExpression cron, ZoneId zone, Instant now, Instant since) {
        Instant due = next(cron, zone, lastRun(job).orElse(since));
        if (due == null || due.isAfter(now)) {
            return Optional.empty();
        }
        // after a long outage: the latest occurrence only, not one run per occurrence missed
        for (int i = 0; i < 100_000; i++) {
            Instant later = next(cron, zone, due);
            if (later == null || later.isAfter(now)) {
                break;
            }
            due = later;
        }
        return Optional.of(due);
    }

    private static Instant next(CronExpression cron, ZoneId zone, Instant after) {
        ZonedDateTime next = cron.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
