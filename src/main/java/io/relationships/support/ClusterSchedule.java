package io.relationships.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs run once per cluster. Every instance's timer fires at the same minute; the first to claim that
 * minute for the job ({@code scheduled_runs}) runs it, the others skip it. Claims older than a month are forgotten.
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
                .params(job, java.sql.Timestamp.from(slot), instance).update();
        if (claimed == 1) {
            jdbc.sql("delete from scheduled_runs where job = ? and slot < now() - interval '31 days'").param(job).update();
        }
        return claimed == 1;
    }
}
