package io.relationships.graph;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether the graph is being built into an empty Neo4j (a new server, a wiped database). Until that build ends the
 * graph holds only some groups, so reads are refused ({@link GraphNotReadyException}) rather than answered from a
 * part of the catalog, and the instance reports itself not ready so that a load balancer sends clients elsewhere.
 * A rebuild of a populated graph does not close the gate: it replaces one whole group at a time.
 */
@Component
class GraphBuilding {

    private final AtomicBoolean building = new AtomicBoolean();
    private final ApplicationEventPublisher events;

    GraphBuilding(ApplicationEventPublisher events) {
        this.events = events;
    }

    void started() {
        if (building.compareAndSet(false, true)) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        }
    }

    void finished() {
        if (building.compareAndSet(true, false)) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    void checkReadable() {
        if (building.get()) {
            throw new GraphNotReadyException();
        }
    }
}
