package io.relationships.load;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the loaders ({@code relationships.load.*} and {@code relationships.data-dir}).
 *
 * @param allowedRoots   directories below which the API may name files, besides the data directory
 * @param maxFileSize    larger files are refused before they are read
 * @param weightSum      the per-ETF weight-sum gate
 * @param maxFindingsPerFile findings kept per file (the count of the rest is kept too)
 * @param seedOnEmpty    load the data directory when the service starts on an empty catalog
 * @param uploadDir      where the admin page's uploads wait until a load reads them (loads may read below it)
 * @param uploadRetention how long uploads wait for their load before they are removed
 * @param packagedSample when the data directory does not exist, use the sample data the jar carries (embedded mode)
 * @param packagedSampleDir where the packaged sample is unpacked
 * @param archives       limits on {@code .zip} archives of issuer files (uploaded, in a folder, in an inbox)
 * @param inbox          scheduled loads from inbox folders
 */
@Validated
@ConfigurationProperties("relationships.load")
public record LoadProperties(
        List<String> allowedRoots,
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue @Valid WeightSum weightSum,
        @DefaultValue("200") @Positive int maxFindingsPerFile,
        @DefaultValue("true") boolean seedOnEmpty,
        @DefaultValue("var/uploads") String uploadDir,
        @DefaultValue("7d") Duration uploadRetention,
        @DefaultValue("false") boolean packagedSample,
        @DefaultValue("var/sample-data") String packagedSampleDir,
        @DefaultValue @Valid Archives archives,
        @DefaultValue @Valid Inbox inbox) {

    public LoadProperties {
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }

    public Path uploadDirPath() {
        return Path.of(uploadDir).toAbsolutePath().normalize();
    }

    /** The allowed roots as paths (kept as text in the binding: Spring reads a relative Path as a classpath resource). */
    public List<Path> allowedRootPaths() {
        return allowedRoots.stream().map(Path::of).toList();
    }

    /**
     * What an archive may hold: a real week of issuer files is a few dozen entries compressed 5–20 times; a zip bomb
     * is a few kilobytes that expand a thousandfold.
     *
     * @param maxEntries   entries (files and folders) an archive may have
     * @param maxTotalSize what all its files may expand to together (each file is also held to {@code max-file-size})
     * @param maxRatio     how many times its compressed size an entry may expand to (entries under 1 MB excepted)
     */
    public record Archives(@DefaultValue("1000") @Positive int maxEntries,
                           @DefaultValue("500MB") DataSize maxTotalSize,
                           @DefaultValue("100") @Positive int maxRatio) {
    }

    /**
     * Loads that happen by themselves: files dropped into an inbox folder are loaded (incrementally) on a schedule,
     * then moved to the folder's {@code processed/} or {@code rejected/}, and the outcome is announced through the
     * quality alerts' webhook and mail. Off while no folder is configured.
     *
     * @param folders      a folder per kind, by the kind's folder name: {@code holdings}, {@code universes},
     *                     {@code themes}, {@code sectors} (e.g. {@code relationships.load.inbox.folders.holdings=/srv/inbox/holdings})
     * @param cron         when to look, as a Spring cron ({@code second minute hour day month weekday}); every look
     *                     is announced, also one that found nothing (the files were expected)
     * @param pollInterval how often to look, instead of a cron; only looks that found files are announced
     * @param settle       a file changed more recently than this is left for the next look (it may still be copied in)
     */
    public record Inbox(Map<String, String> folders, String cron, Duration pollInterval, @DefaultValue("30s") Duration settle) {

        public Inbox {
            folders = folders == null ? Map.of() : Map.copyOf(folders);
        }

        public boolean enabled() {
            return !folders.isEmpty();
        }

        /** The folders, by kind's folder name, as absolute paths. */
        public Map<String, Path> folderPaths() {
            Map<String, Path> paths = new TreeMap<>();
            folders.forEach((kind, folder) -> paths.put(kind, Path.of(folder).toAbsolutePath().normalize()));
            return paths;
        }
    }

    /**
     * Weights of an ETF should add up to 100%. Outside {@code 100 ± tolerance} the run records a warning; below
     * {@code rejectBelow} or above {@code rejectAbove} the file is rejected (files that declare they list only top
     * holdings are exempt from the lower bounds).
     *
     * @param tolerance   points from 100% before a warning
     * @param rejectBelow a sum below this rejects the file
     * @param rejectAbove a sum above this rejects the file
     */
    public record WeightSum(@DefaultValue("2.5") @DecimalMin("0") BigDecimal tolerance,
                            @DefaultValue("50") @DecimalMin("0") BigDecimal rejectBelow,
                            @DefaultValue("120") @DecimalMin("100") BigDecimal rejectAbove) {
    }
}
