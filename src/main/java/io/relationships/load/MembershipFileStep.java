package io.relationships.load;

import java.util.List;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.load.format.FileParser;
import io.relationships.load.format.ParsedFile;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Holdings and universes: each file is one group, read by {@link FileParser} and checked by {@link MembershipFiles};
 * which of the two a step loads is its {@link MembershipFileKind}.
 */
final class MembershipFileStep extends FileLoadStep {

    private final FileParser parser = new FileParser();
    private final MembershipFileKind membership;
    private final MembershipFiles membershipFiles;

    MembershipFileStep(MembershipFileKind membership, SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer,
                       MembershipFiles membershipFiles, ObjectProvider<SecurityClassifier> classifier) {
        super(sourceFiles, catalog, writer, classifier.getIfAvailable());
        this.membership = membership;
        this.membershipFiles = membershipFiles;
    }

    @Override
    public RunKind kind() {
        return membership.kind();
    }

    @Override
    public int order() {
        return membership.order();
    }

    @Override
    public String folder() {
        return membership.folder();
    }

    @Override
    GroupType groupType() {
        return membership.groupType();
    }

    @Override
    Interpretation interpret(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings) {
        ParsedFile parsed = parser.parse(file.label(), content.bytes(), membership.contents());
        findings.addAll(parsed.findings());
        if (parsed.format() == null) {
            return new Interpretation(null, List.of());
        }
        return new Interpretation(parsed.format().label(),
                membershipFiles.interpret(groupType(), file, content.checksum(), parsed, findings).map(List::of).orElse(List.of()));
    }
}
