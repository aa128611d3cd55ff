package io.relationships.load;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The load steps of membership files: one {@link MembershipFileStep} for each {@link MembershipFileKind}. */
@Configuration(proxyBeanMethods = false)
class MembershipFileSteps {

    @Bean
    MembershipFileStep holdingsStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, MembershipFiles membershipFiles,
                                    ObjectProvider<SecurityClassifier> classifier) {
        return new MembershipFileStep(MembershipFileKind.HOLDINGS, sourceFiles, catalog, writer, membershipFiles, classifier);
    }

    @Bean
    MembershipFileStep universesStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, MembershipFiles membershipFiles,
                                     ObjectProvider<SecurityClassifier> classifier) {
        return new MembershipFileStep(MembershipFileKind.UNIVERSES, sourceFiles, catalog, writer, membershipFiles, classifier);
    }
}
