package io.relationships.load;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 */
@ConfigurationProperties("relationships.load")
public record LoadProperties(
        List<String> allowedRoots,
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue WeightSum weightSum,
        @DefaultValue("200") int maxFindingsPerFile,
        @DefaultValue("true") boolean seedOnEmpty,
        @DefaultValue("var/uploads") String uploadDir,
        @DefaultValue("7d") Duration uploadRetention,
        @DefaultValue("false") boolean packagedSample,
        @DefaultValue("var/sample-data") String packagedSampleDir) {

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
     * Weights of an ETF should add up to 100%. Outside {@code 100 ± tolerance} the run records a warning; below
     * {@code rejectBelow} or above {@code rejectAbove} the file is rejected (files that declare they list only top
     * holdings are exempt from the lower bounds).
     */
    public record WeightSum(@DefaultValue("2.5") BigDecimal tolerance,
                            @DefaultValue("50") BigDecimal rejectBelow,
                            @DefaultValue("120") BigDecimal rejectAbove) {
    }
}
