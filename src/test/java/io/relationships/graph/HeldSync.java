package io.relationships.graph;

/**
 * For tests outside this package: holds the graph sync's automatic passes back (a change is committed but no reader
 * sees it yet), as {@code GraphSyncRecoveryTest} does from inside, until closed.
 */
public final class HeldSync implements AutoCloseable {

    private final GraphSync sync;

    private HeldSync(GraphSync sync) {
        this.sync = sync;
    }

    public static HeldSync hold(GraphSync sync) {
        sync.hold();
        return new HeldSync(sync);
    }

    @Override
    public void close() {
        sync.release();
    }
}
