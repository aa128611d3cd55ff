package io.relationships.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.load.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Files operators upload from the admin page, kept in {@code relationships.load.upload-dir} (one folder per upload)
 * until a load reads them. Nothing reaches the catalog here: the page then asks for a dry run of the file through
 * the GraphQL API, which detects its format and validates it, and applies it only when the operator says so.
 * <p>
 * The name a browser sends is the operator's file name and nothing more: a name with a path in it
 * ({@code ../../etc/cron.d/x}), control characters or a leading dot is refused, not cleaned up.
 */
@Service
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final Pattern ALLOWED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()\\-]{0,119}");
    private static final Pattern EXTENSION = Pattern.compile("(?i).*\\.(csv|txt|json|xlsx)$");
    private static final Duration KEEP = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored upload: where it is (to name in a load), and what it is. */
    public record Upload(String id, Path path, String fileName, long bytes) {
    }

    private final LoadProperties properties;

    Uploads(LoadProperties properties) {
        this.properties = properties;
    }

    /** Stores one uploaded file; refuses bad names and files above {@code relationships.load.max-file-size}. */
    @PreAuthorize("hasRole('OPERATOR')")
    public Upload store(String originalName, InputStream content) {
        String name = checkedName(originalName);
        long max = properties.maxFileSize().toBytes();
        String id = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(Instant.now().atOffset(ZoneOffset.UTC))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        Path folder = properties.uploadDirPath().resolve(id);
        Path target = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                deleteQuietly(folder);
                throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is larger than " + properties.maxFileSize()
                        + " (relationships.load.max-file-size)");
            }
            if (bytes.length == 0) {
                deleteQuietly(folder);
                throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is empty");
            }
            Files.write(target, bytes);
            removeOldUploads();
            return new Upload(id, target.toAbsolutePath().normalize(), name, bytes.length);
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new UncheckedIOException("Could not store the upload " + name, e);
        }
    }

    static String checkedName(String originalName) {
        String name = originalName == null ? "" : originalName;
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "the file name '" + Finding.excerpt(name)
                    + "' contains a path; upload the file under its own name");
        }
        if (!ALLOWED_NAME.matcher(name).matches()) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "the file name '" + Finding.excerpt(name)
                    + "' is not allowed: letters, digits, spaces and . _ ( ) -, at most 120 characters, not starting with a dot");
        }
        if (!EXTENSION.matcher(name).matches()) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is not a .csv, .txt, .json or .xlsx file");
        }
        return name;
    }

    private void removeOldUploads() {
        Instant cutoff = Instant.now().minus(KEEP);
        try (Stream<Path> folders = Files.list(properties.uploadDirPath())) {
            folders.filter(Files::isDirectory).filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(cutoff);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(Uploads::deleteQuietly);
        } catch (IOException e) {
            log.warn("Could not clean up old uploads in {}: {}", properties.uploadDirPath(), e.toString());
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover folder is removed with the next clean-up
        }
    }
}
