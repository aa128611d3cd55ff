package io.relationships.load;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.relationships.support.AdvisoryLocks;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One load at a time, across every instance of the service on the same PostgreSQL. */
@Component
class LoadLock {

    /** How long a lock whose holder has no run in progress is waited for. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final AdvisoryLocks locks;
    private final LoadRunStore runs;
    /** Whether this instance holds the lock (the refusal says where the running load is). */
    private final AtomicReference<AdvisoryLocks.Held> heldHere = new AtomicReference<>();

    LoadLock(AdvisoryLocks locks, LoadRunStore runs) {
        this.locks = locks;
        this.runs = runs;
    }

    /**
     * At start-up, a run still marked RUNNING while no instance holds the lock was cut short by a process that died
     * (killed, out of memory, power lost): its transaction never committed, and the run says so at once rather than
     * at the next load.
     */
    @EventListener(ApplicationStartedEvent.class)
    void failRunsOfADeadProcess() {
        locks.tryAcquire(AdvisoryLocks.LOAD).ifPresent(held -> {
            try (held) {
                runs.failInterruptedRuns();
            }
        });
    }

    /**
     * Takes the lock or says which run holds it. A holder with no run in progress is a run that has just ended (its
     * record says so a moment before it lets go of the lock) or one that is just starting: that is waited for, up to
     * {@link #SETTLE}, so that a client that saw its run end and starts the next one is not refused. A run in progress
     * is refused at once.
     */
    AdvisoryLocks.Held acquire() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Optional<AdvisoryLocks.Held> taken = locks.tryAcquire(AdvisoryLocks.LOAD);
        while (taken.isEmpty() && System.nanoTime() < deadline && runs.running().isEmpty()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            taken = locks.tryAcquire(AdvisoryLocks.LOAD);
        }
        AdvisoryLocks.Held held = taken.orElseThrow(this::busy);
        heldHere.set(held);
        held.whenReleased(() -> heldHere.compareAndSet(held, null));
        // nobody else holds the lock, so a run still marked RUNNING belongs to a process that died
        runs.failInterruptedRuns();
        return held;
    }

    private LoadException busy() {
        String where = heldHere.get() != null ? "on this instance" : "on another instance of the service";
        return runs.running()
                .map(run -> new LoadException(LoadException.Code.LOAD_RUNNING, "A load is running " + where + " (run " + run.id() + ", "
                        + run.kind() + " " + run.mode() + ", started at "
                        + run.startedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "); try again when it has finished"))
                .orElseGet(() -> new LoadException(LoadException.Code.LOAD_RUNNING,
                        "A load is starting " + where + "; try again when it has finished"));
    }
}
