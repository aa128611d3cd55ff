package io.relationships.sector;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the file-based sources read from: the data directory's {@code sectors/} folder, or what the request names.
 *
 * @param curatedFiles   {@code sector_classifications.csv} and the like
 * @param screenerFiles  exchange screener exports (NASDAQ's JSON or CSV with symbol, sector, industry)
 */
public record SectorInputs(List<Path> curatedFiles, List<Path> screenerFiles) {
}
