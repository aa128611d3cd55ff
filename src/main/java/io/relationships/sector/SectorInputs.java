package io.relationships.sector;

import java.nio.file.Path;
import java.util.List;

import io.relationships.load.Finding;

/**
 * Where the file-based sources read from: the data directory's {@code sectors/} folder, or what the request names.
 *
 * @param curatedFiles   {@code sector_classifications.csv} and the like
 * @param screenerFiles  exchange screener exports (NASDAQ's JSON or CSV with symbol, sector, industry)
 * @param refusals       why an input was refused unread (an archive that may not be unpacked): they reject the run
 */
public record SectorInputs(List<Path> curatedFiles, List<Path> screenerFiles, List<Finding> refusals) {

    public SectorInputs(List<Path> curatedFiles, List<Path> screenerFiles) {
        this(curatedFiles, screenerFiles, List.of());
    }
}
