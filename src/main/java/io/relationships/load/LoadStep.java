package io.relationships.load;

import io.relationships.catalog.UpdateResult;
import io.relationships.load.RunKind;

/**
 * One kind of load (ETF holdings, universes, themes — and, from the sector capability, sector enrichment).
 * {@code loadAll} runs every step in {@link #order()}; each step is a run of its own, committed on its own.
 */
public interface LoadStep {

    RunKind kind();

    /** Position in a full reload: holdings and universes before themes, sectors after all of them. */
    int order();

    /** The folder of a data directory this kind reads ({@code holdings}, {@code universes}, {@code themes}, {@code sectors}). */
    String folder();

    /**
     * Refuses a request that cannot work (a folder that does not exist, a file outside the allowed roots) before
     * any run is recorded, with a {@link LoadException} of code BAD_REQUEST.
     */
    default void check(LoadRequest request) {
    }

    /** Whether there is anything to read; {@code loadAll} skips a step without input (a data directory without themes). */
    default boolean hasInput(LoadRequest request) {
        return true;
    }

    /**
     * Does the work of one run. Throws {@link RunRejected} when a validation gate fails (nothing is written);
     * findings and file outcomes go to {@code run}.
     */
    UpdateResult execute(RunContext run);
}
