package io.relationships.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reports folder. A report's file name carries the UTC instant it was made, to the second
 * ({@code relationship_breakdown_2026-12-01T154233Z.md}), so that the reports of one day no longer overwrite each
 * other; a second report of the same format saved in the same second is written beside the first with a suffix
 * ({@code …T154233Z-2.md}, {@code -3}, …), never over it.
 */
@Component
class ReportFiles {

    private static final String PREFIX = "relationship_breakdown_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern SAVED_NAME = Pattern.compile("relationship_breakdown_\\d{4}-\\d{2}-\\d{2}T\\d{6}Z(-\\d{1,4})?\\.(md|json|html|txt)");
    /** Far more reports of one format in one second than anyone makes: past it something is wrong. */
    private static final int MOST_IN_ONE_SECOND = 1000;

    private final Path directory;

    ReportFiles(@Value("${relationships.quality.reports-dir:reports}") Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    /** The name of a report made at {@code at}: what a download is called, and a saved report unless the second is taken. */
    static String fileName(Instant at, String extension) {
        return PREFIX + STAMP.format(at) + "." + extension;
    }

    /** Writes a report made at {@code at} under a name no other saved report has; returns where. */
    Path save(Instant at, String extension, String content) {
        String stamp = PREFIX + STAMP.format(at);
        try {
            Files.createDirectories(directory);
            for (int n = 1; n <= MOST_IN_ONE_SECOND; n++) {
                Path path = directory.resolve(stamp + (n == 1 ? "" : "-" + n) + "." + extension);
                try {
                    // CREATE_NEW: two reports saved at once (two requests, two instances on one folder) cannot take one name
                    return Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    // the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + stamp + "." + extension + " to " + directory, e);
        }
        throw new IllegalStateException(MOST_IN_ONE_SECOND + " reports named " + stamp + "." + extension + " already exist in " + directory);
    }

    /** A saved report by file name; nothing outside the reports folder. */
    Optional<Path> saved(String fileName) {
        if (!SAVED_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        Path path = directory.resolve(fileName);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
