package io.relationships.load;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.load.RunKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Universes (index memberships) from {@code universes/}: a constituents list ({@code symbol,name,weight,sector,
 * market_cap}, only {@code symbol} required) or an ETF holdings file standing in for the index. The key is the
 * file's name ({@code sp500.csv}) unless the request or the manifest gives one.
 */
@Component
class UniversesStep extends MembershipFileStep {

    UniversesStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, MembershipFiles membershipFiles,
                ObjectProvider<SecurityClassifier> classifier) {
        super(sourceFiles, catalog, writer, membershipFiles, classifier.getIfAvailable());
    }

    @Override
    public RunKind kind() {
        return RunKind.UNIVERSES;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String folder() {
        return "universes";
    }

    @Override
    GroupType groupType() {
        return GroupType.UNIVERSE;
    }
}
