package io.relationships.load;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.load.RunKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** ETF holdings: one file per ETF, in any issuer format, from {@code holdings/}. */
@Component
class HoldingsStep extends MembershipFileStep {

    HoldingsStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, MembershipFiles membershipFiles,
                ObjectProvider<SecurityClassifier> classifier) {
        super(sourceFiles, catalog, writer, membershipFiles, classifier.getIfAvailable());
    }

    @Override
    public RunKind kind() {
        return RunKind.ETF_HOLDINGS;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String folder() {
        return "holdings";
    }

    @Override
    GroupType groupType() {
        return GroupType.ETF;
    }
}
