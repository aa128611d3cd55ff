package io.relationships.support;

import java.time.Instant;

import io.relationships.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every instance's timer fires; one instance per minute runs the job. */
@IntegrationTest
class ClusterScheduleTest {

    @Autowired
    ClusterSchedule schedule;

    @Test
    void theFirstInstanceToClaimAMinuteRunsTheJobAndTheOthersDoNot() {
        Instant six = Instant.parse("2031-03-01T06:00:00.120Z");

        assertThat(schedule.claim("test-job", six, "instance-a")).isTrue();
        assertThat(schedule.claim("test-job", six.plusMillis(850), "instance-b")).as("the same minute on another instance").isFalse();
        assertThat(schedule.claim("other-job", six, "instance-b")).as("another job").isTrue();
        assertThat(schedule.claim("test-job", six.plusSeconds(86_400), "instance-b")).as("the next day").isTrue();
    }
}
