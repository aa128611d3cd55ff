package io.relationships.load;

import java.util.Set;

import io.relationships.catalog.CatalogStager;

/**
 * Classifies the securities a load introduces, inside the same run and transaction, so that a weekly holdings load
 * does not leave its new stocks unclassified until the next sector enrichment; and declassifies those it leaves
 * unlisted, as the enrichment would. The sector capability provides it;
 * the catalog it queries meanwhile already shows the run's own changes.
 */
public interface SecurityClassifier {

    /**
     * Stages the sector and industry memberships of the {@code introduced} securities, and takes out of them the
     * {@code released} ones (no ETF, universe or theme lists them any more); findings and a summary go to {@code run}.
     */
    void classify(RunContext run, Set<String> introduced, Set<String> released, CatalogStager stager);
}
