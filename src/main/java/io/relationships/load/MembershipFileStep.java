package io.relationships.load;

import java.util.List;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.load.Finding;
import io.relationships.load.format.FileParser;
import io.relationships.load.format.ParsedFile;

/** Holdings and universes: each file is one group, read by {@link FileParser} and checked by {@link MembershipFiles}. */
abstract class MembershipFileStep extends FileLoadStep {

    private final FileParser parser = new FileParser();
    private final MembershipFiles membershipFiles;

    MembershipFileStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, MembershipFiles membershipFiles,
                       SecurityClassifier classifier) {
        super(sourceFiles, catalog, writer, classifier);
        this.membershipFiles = membershipFiles;
    }

    @Override
    Interpretation interpret(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings) {
        FileParser.Kind kind = groupType() == GroupType.ETF ? FileParser.Kind.HOLDINGS : FileParser.Kind.UNIVERSE;
        ParsedFile parsed = parser.parse(file.label(), content.bytes(), kind);
        findings.addAll(parsed.findings());
        if (parsed.format() == null) {
            return new Interpretation(null, List.of());
        }
        return new Interpretation(parsed.format().label(),
                membershipFiles.interpret(groupType(), file, content.checksum(), parsed, findings).map(List::of).orElse(List.of()));
    }
}
