package io.relationships.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's time goes, statement by statement: logged at info for runs that take over five seconds (the
 * large-scale loads), at debug for the others. PostgreSQL's own statement statistics are not installed, so the
 * writer times its statements from this side.
 */
final class RunTimings {

    private static final Logger log = LoggerFactory.getLogger(RunTimings.class);

    private final String what;
    private final StringBuilder laps = new StringBuilder();
    private final long started = System.nanoTime();
    private long last = started;

    RunTimings(String what) {
        this.what = what;
    }

    /** The time since the last lap goes to {@code step}. */
    void lap(String step) {
        long now = System.nanoTime();
        laps.append(laps.isEmpty() ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    void log() {
        long total = (System.nanoTime() - started) / 1_000_000;
        if (total > 5_000) {
            log.info("{} took {} ms: {}", what, total, laps);
        } else {
            log.debug("{} took {} ms: {}", what, total, laps);
        }
    }
}
