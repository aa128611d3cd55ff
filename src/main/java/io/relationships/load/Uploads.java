package io.relationships.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.load.Finding;
import io.relationships.support.Privileged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Files operators upload (the admin page, the CLI from their own machine), kept in PostgreSQL ({@code uploads}) until
 * a load reads them, so that an upload made through one instance can be loaded through any other. A load names the
 * upload by its id; the instance that runs it writes the bytes to its {@code relationships.load.upload-dir} (one folder
 * per upload) and reads them from there like any other file. Nothing reaches the catalog here: a dry run of the file
 * detects its format and validates it, and it is applied only when the operator says so. Uploads older than
 * {@code relationships.load.upload-retention} are removed.
 * <p>
 * The name a browser sends is the operator's file name and nothing more: a name with a path in it
 * ({@code ../../etc/cron.d/x}), control characters or a leading dot is refused, not cleaned up.
 */
@Service
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final Pattern ALLOWED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()\\-]{0,119}");
    private static final Pattern EXTENSION = Pattern.compile("(?i).*\\.(csv|txt|json|xlsx|zip)$");
    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored upload: its id (to name in a load), where this instance keeps it, and what it is. */
    public record Upload(String id, Path path, String fileName, long bytes) {
    }

    private final LoadProperties properties;
    private final JdbcClient jdbc;

    Uploads(LoadProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /** Stores one uploaded file; refuses bad names, empty files and files above {@code relationships.load.max-file-size}. */
    @PreAuthorize("hasRole('OPERATOR')")
    public Upload store(String originalName, InputStream content) {
        String name = checkedName(originalName);
        long max = properties.maxFileSize().toBytes();
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload " + name, e);
        }
        if (bytes.length > max) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is larger than " + properties.maxFileSize()
                    + " (relationships.load.max-file-size)");
        }
        if (bytes.length == 0) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is empty");
        }
        String id = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(Instant.now().atOffset(ZoneOffset.UTC))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        jdbc.sql("insert into uploads (id, file_name, content, bytes, created_by) values (?, ?, ?, ?, ?)")
                .params(id, name, bytes, bytes.length, Privileged.currentUser()).update();
        removeOldUploads();
        return new Upload(id, write(id, name, bytes), name, bytes.length);
    }

    /** The upload as a file this instance can read: written from PostgreSQL when it was made through another instance. */
    public Path materialize(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + Finding.excerpt(String.valueOf(id)) + "' is not an upload id");
        }
        Path folder = properties.uploadDirPath().resolve(id);
        try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            Optional<Path> here = files.filter(Files::isRegularFile).findFirst();
            if (here.isPresent()) {
                return here.get();
            }
        } catch (IOException e) {
            // written again below
        }
        record Stored(String fileName, byte[] content) {
        }
        Stored stored = jdbc.sql("select file_name, content from uploads where id = ?").param(id)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> new LoadException(LoadException.Code.NOT_FOUND, "No upload " + id
                        + " (uploads are kept for " + properties.uploadRetention().toHours() + " hours)"));
        return write(id, stored.fileName(), stored.content());
    }

    private Path write(String id, String name, byte[] bytes) {
        Path folder = properties.uploadDirPath().resolve(id);
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(name);
            Path partial = Files.createTempFile(folder, ".upload", ".part");
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the upload " + id + " to " + folder, e);
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
            throw new LoadException(LoadException.Code.BAD_REQUEST, "'" + name + "' is not a .csv, .txt, .json, .xlsx or .zip file");
        }
        return name;
    }

    private void removeOldUploads() {
        Instant cutoff = Instant.now().minus(properties.uploadRetention());
        jdbc.sql("delete from uploads where created_at < ?").param(Timestamp.from(cutoff)).update();
        if (!Files.isDirectory(properties.uploadDirPath())) {
            return;
        }
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
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover folder is removed with the next clean-up
        }
    }
}
