package io.relationships.quality;

import java.time.Duration;
import java.time.Instant;

import io.relationships.IntegrationTest;
import io.relationships.support.ClusterSchedule;
import io.relationships.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled validation by its cron and a test clock, against the real schedule table: due at each occurrence, run
 * by one instance, and once after an outage that missed occurrences.
 */
@IntegrationTest
class ScheduledValidationTest {

    @Autowired
    QualityProperties properties;
    @Autowired
    ClusterSchedule schedule;
    @Autowired
    QualityMonitor monitor;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheTestsOccurrences() {
        jdbc.sql("delete from scheduled_runs where job = ? and slot >= '2031-01-01'").param(ScheduledValidation.JOB).update();
    }

    @Test
    void eachOccurrenceOfTheCronRunsOnceInTheClusterAndAMissedOneRunsOnceOnReturn() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-10T05:00:00Z"));
        ScheduledValidation instanceA = new ScheduledValidation(properties, schedule, clock, monitor);
        ScheduledValidation instanceB = new ScheduledValidation(properties, schedule, clock, monitor);
        assertThat(properties.schedule()).isEqualTo("0 0 6 * * *");
        assertThat(instanceA.nextRun()).contains(Instant.parse("2031-05-10T06:00:00Z"));

        clock.set(Instant.parse("2031-05-10T05:59:59Z"));
        assertThat(instanceA.runIfDue()).as("a second early").isFalse();

        clock.set(Instant.parse("2031-05-10T06:00:20Z"));
        int snapshots = monitor.history(null, 10_000).size();
        assertThat(instanceB.runIfDue()).as("due: the first instance to look takes it").isTrue();
        assertThat(instanceA.runIfDue()).as("the other instance, the same occurrence").isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(instanceB.runIfDue()).as("the same instance, later").isFalse();
        monitor.awaitPendingSnapshots();
        assertThat(monitor.history(null, 10_000)).hasSize(snapshots + 1);
        assertThat(monitor.history(null, 1).get(0).trigger()).isEqualTo("schedule");
        assertThat(instanceA.lastRun()).contains(Instant.parse("2031-05-10T06:00:00Z"));
        assertThat(instanceA.nextRun()).contains(Instant.parse("2031-05-11T06:00:00Z"));

        clock.set(Instant.parse("2031-05-13T09:30:00Z")); // every instance was down on the 11th, 12th and 13th at six
        assertThat(instanceA.nextRun()).as("due now").contains(clock.instant());
        assertThat(instanceA.runIfDue()).as("the missed occurrences, once").isTrue();
        assertThat(instanceA.runIfDue()).isFalse();
        assertThat(instanceB.lastRun()).contains(Instant.parse("2031-05-13T06:00:00Z"));
        assertThat(instanceB.nextRun()).contains(Instant.parse("2031-05-14T06:00:00Z"));
    }
}
