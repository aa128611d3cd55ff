package io.relationships.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import io.relationships.support.ScheduledJob;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The service's own scheduled work, as each job says it ({@link ScheduledJob}). */
@Controller
class ScheduleController {

    record Schedule(String job, String description, String schedule, OffsetDateTime lastRunAt, OffsetDateTime nextRunAt) {
    }

    private final List<ScheduledJob> jobs;

    ScheduleController(List<ScheduledJob> jobs) {
        this.jobs = jobs;
    }

    /** Soonest first. */
    @QueryMapping
    List<Schedule> schedules() {
        return jobs.stream().filter(ScheduledJob::enabled)
                .map(job -> new Schedule(job.job(), job.description(), job.schedule(), utc(job.lastRun().orElse(null)), utc(job.nextRun().orElse(null))))
                .sorted(Comparator.comparing(Schedule::nextRunAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
