package io.relationships.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.relationships.support.AdvisoryLocks;
import io.relationships.support.ClusterSchedule;
import io.relationships.support.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * When the inbox folders are looked at, and by which instance. On a cron ({@code relationships.load.inbox.cron}) each
 * occurrence is claimed by one instance of the cluster ({@link ClusterSchedule}; a missed one runs when an instance
 * is back) and announced whatever it finds; on a polling interval ({@code poll-interval}) every instance looks, and
 * only looks that found files are announced. Either way one instance at a time looks ({@link AdvisoryLocks#INBOX}),
 * so that a file is loaded and moved away once; and its load takes the load lock like any other.
 * <p>
 * A configuration that cannot work (a folder of no kind, both or neither of cron and interval, a bad cron) stops the
 * service at start-up with what to fix.
 */
@Component
class InboxSchedule implements SchedulingConfigurer, ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(InboxSchedule.class);
    static final String JOB = "inbox";
    /** How often an instance checks whether a cron occurrence is due. */
    private static final Duration CRON_TICK = Duration.ofSeconds(30);

    private final LoadProperties.Inbox inbox;
    private final InboxLoads loads;
    private final ClusterSchedule schedule;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final CronExpression cron;
    private final Instant since;
    private final String instance = UUID.randomUUID().toString();
    private volatile Instant lastLook;

    InboxSchedule(LoadProperties properties, LoadService service, InboxLoads loads, ClusterSchedule schedule, AdvisoryLocks locks, Clock clock) {
        this.inbox = properties.inbox();
        this.loads = loads;
        this.schedule = schedule;
        this.locks = locks;
        this.clock = clock;
        this.since = clock.instant();
        this.cron = inbox.enabled() ? checked(service.folders().keySet()) : null;
    }

    /** The cron (null for a polling interval), once the configuration is known to work; the folders made. */
    private CronExpression checked(Set<String> kinds) {
        Set<String> unknown = new TreeSet<>(inbox.folders().keySet());
        unknown.removeAll(kinds);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("relationships.load.inbox.folders: " + unknown + " is no kind of file; the folders are "
                    + String.join(", ", kinds));
        }
        if ((inbox.cron() == null) == (inbox.pollInterval() == null)) {
            throw new IllegalStateException("relationships.load.inbox: give a cron (e.g. '0 0 7 * * MON') or a poll-interval (e.g. 5m), one of the two");
        }
        for (Path folder : inbox.folderPaths().values()) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("relationships.load.inbox.folders: cannot make " + folder, e);
            }
        }
        if (inbox.cron() == null) {
            return null;
        }
        try {
            return CronExpression.parse(inbox.cron());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relationships.load.inbox.cron: '" + inbox.cron() + "' is not a cron "
                    + "(second minute hour day month weekday, e.g. '0 0 7 * * MON'): " + e.getMessage(), e);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!inbox.enabled()) {
            return;
        }
        Duration every = cron != null ? CRON_TICK : inbox.pollInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, every, every));
        log.info("Inbox loads from {} {}", inbox.folderPaths(), schedule());
    }

    void tick() {
        try {
            // a cron's occurrence is claimed only by the instance that may look now: while another instance looks it
            // stays due, for the next tick
            look(cron != null, () -> cron == null || schedule.claimDue(JOB, cron, clock.getZone(), clock.instant(), since, instance));
        } catch (RuntimeException e) {
            log.warn("Looking at the inbox failed; the next look tries again", e);
        }
    }

    /** One look when it is {@code due} and no other instance is looking; what it came to. */
    List<InboxLoaded> look(boolean announceNothing, BooleanSupplier due) {
        Optional<AdvisoryLocks.Held> held = locks.tryAcquire(AdvisoryLocks.INBOX);
        if (held.isEmpty()) {
            log.debug("Another instance is looking at the inbox; this one leaves it");
            return List.of();
        }
        try (AdvisoryLocks.Held lock = held.get()) {
            if (!due.getAsBoolean()) {
                return List.of();
            }
            lastLook = clock.instant();
            return loads.look(announceNothing);
        }
    }

    @Override
    public boolean enabled() {
        return inbox.enabled();
    }

    @Override
    public String job() {
        return JOB;
    }

    @Override
    public String description() {
        return "loads from the inbox folders: " + inbox.folderPaths().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    @Override
    public String schedule() {
        return cron != null ? inbox.cron() : "every " + inbox.pollInterval().toString().substring(2).toLowerCase();
    }

    @Override
    public Optional<Instant> lastRun() {
        return cron != null ? schedule.lastRun(JOB) : Optional.ofNullable(lastLook);
    }

    @Override
    public Optional<Instant> nextRun() {
        if (cron != null) {
            return Optional.of(schedule.nextRun(JOB, cron, clock.getZone(), clock.instant(), since));
        }
        return Optional.of((lastLook == null ? since : lastLook).plus(inbox.pollInterval()));
    }
}
