package io.relationships.support;

import java.time.Instant;
import java.util.Optional;

/** Work the service does by itself on a schedule, as an operator sees it: what, when it last ran, when it runs next. */
public interface ScheduledJob {

    /** Its name, as {@code scheduled_runs} records it ({@code quality-validation}, {@code inbox}). */
    String job();

    String description();

    /** The cron, or {@code every <interval>}. */
    String schedule();

    /** When it last ran, on any instance where that is recorded. */
    Optional<Instant> lastRun();

    /** When it runs next. */
    Optional<Instant> nextRun();

    /** Whether it is configured to run at all. */
    default boolean enabled() {
        return true;
    }
}
