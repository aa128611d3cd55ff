package io.relationships.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.springframework.stereotype.Component;

/**
 * Unpacks a {@code .zip} of issuer files into a folder of this instance, so that its entries load like the files of
 * a folder — or refuses it whole, with a finding that names the archive and the entry at fault. An archive is
 * untrusted input: entries that would land outside the folder ({@code ../}, absolute paths), too many entries,
 * entries past {@code relationships.load.max-file-size}, archives that expand past
 * {@code relationships.load.archives.max-total-size} or by more than {@code max-ratio} times (a zip bomb), and
 * archives inside the archive are refused before or while they are written, never after. Sub-folders are
 * flattened (an archive of a folder is the usual shape); hidden files and macOS's {@code __MACOSX/} are left out.
 */
@Component
class ZipArchives {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()\\-]{0,119}");
    /** Below this an entry's ratio is not judged: a small, very repetitive file is no bomb. */
    private static final long RATIO_FLOOR = 1024 * 1024;

    /** An archive's data files written out (label {@code week47.zip!/XLK.csv}), or why none were. */
    record Unpacked(List<Entry> entries, Finding refusal) {

        static Unpacked refused(Finding refusal) {
            return new Unpacked(List.of(), refusal);
        }
    }

    record Entry(Path path, String label) {
    }

    private final LoadProperties properties;

    ZipArchives(LoadProperties properties) {
        this.properties = properties;
    }

    static boolean isArchive(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * The archive's data files, written below the upload folder ({@code zip-<checksum>/}: the same archive unpacks
     * to the same folder, removed with old uploads). {@code label} is how the run names the archive.
     */
    Unpacked unpack(Path archive, String label) {
        LoadProperties.Archives limits = properties.archives();
        Path work;
        try {
            Files.createDirectories(properties.uploadDirPath());
            work = Files.createTempDirectory(properties.uploadDirPath(), ".unzip");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a folder to unpack " + label + " in " + properties.uploadDirPath(), e);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                return Unpacked.refused(Finding.error(label, null, "ZIP_TOO_MANY_ENTRIES", "the archive has " + zip.size()
                        + " entries; archives of more than " + limits.maxEntries() + " are refused (relationships.load.archives.max-entries)"));
            }
            List<Entry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            long total = 0;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                // a refusal names the archive as the file and the entry in its message: the archive is what is refused
                String entryName = "entry '" + Finding.excerpt(entry.getName()) + "': ";
                Finding refusal = refusalOfName(entry, label, entryName);
                if (refusal != null) {
                    return Unpacked.refused(refusal);
                }
                String name = fileName(entry.getName());
                if (entry.isDirectory() || skipped(entry.getName(), name)) {
                    continue;
                }
                if (isArchive(Path.of(name))) {
                    return Unpacked.refused(Finding.error(label, null, "ZIP_NESTED", entryName + "an archive inside the archive is not unpacked; "
                            + "put its files in the outer archive"));
                }
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    return Unpacked.refused(Finding.error(label, null, "ZIP_DUPLICATE_NAME", entryName + "another entry of the archive is also named '"
                            + name + "' (sub-folders are flattened); rename one"));
                }
                long written;
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(work.resolve(name))) {
                    long limit = Math.min(properties.maxFileSize().toBytes(), limits.maxTotalSize().toBytes() - total);
                    long bombAt = Math.max(RATIO_FLOOR, Math.max(1, entry.getCompressedSize()) * limits.maxRatio());
                    written = copy(in, out, Math.min(limit, bombAt) + 1);
                    if (written > bombAt && bombAt <= limit) {
                        return Unpacked.refused(Finding.error(label, null, "ZIP_BOMB", entryName + "it expands more than " + limits.maxRatio()
                                + " times its compressed size (" + entry.getCompressedSize() + " bytes); refused as a zip bomb "
                                + "(relationships.load.archives.max-ratio)"));
                    }
                    if (written > limit) {
                        return Unpacked.refused(Finding.error(label, null, "ZIP_TOO_LARGE", entryName + (limit < properties.maxFileSize().toBytes()
                                ? "the archive expands past " + limits.maxTotalSize() + "; refused (relationships.load.archives.max-total-size)"
                                : "it expands past " + properties.maxFileSize() + "; refused (relationships.load.max-file-size)")));
                    }
                }
                total += written;
                entries.add(new Entry(work.resolve(name), label + "!/" + name));
            }
            return entries.isEmpty()
                    ? Unpacked.refused(Finding.error(label, null, "ZIP_EMPTY", "the archive holds no data files"))
                    : settle(work, archive, entries);
        } catch (ZipException e) {
            return Unpacked.refused(Finding.error(label, null, "ZIP_UNREADABLE", "not a readable zip archive: " + e.getMessage()));
        } catch (IOException e) {
            return Unpacked.refused(Finding.error(label, null, "ZIP_UNREADABLE", "could not unpack the archive: " + e.getMessage()));
        } finally {
            deleteQuietly(work);
        }
    }

    /** A name is refused when it could write outside the folder, whatever the entry holds. */
    private static Finding refusalOfName(ZipEntry entry, String label, String entryName) {
        String name = entry.getName();
        boolean absolute = name.startsWith("/") || name.startsWith("\\") || name.matches("(?s)^[A-Za-z]:.*");
        boolean climbs = Stream.of(name.split("[/\\\\]")).anyMatch(".."::equals);
        if (absolute || climbs || name.indexOf('\0') >= 0) {
            return Finding.error(label, null, "ZIP_PATH_OUTSIDE", entryName + "its path leads outside the archive's folder; the archive is refused");
        }
        String file = fileName(name);
        if (!entry.isDirectory() && !skipped(name, file) && !SAFE_NAME.matcher(file).matches()) {
            return Finding.error(label, null, "ZIP_BAD_NAME", entryName + "the name is not allowed: letters, digits, spaces and . _ ( ) -, "
                    + "at most 120 characters, not starting with a dot");
        }
        return null;
    }

    private static String fileName(String entryName) {
        String trimmed = entryName.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return trimmed.substring(slash + 1);
    }

    /** macOS's resource forks, hidden files and notes are not data. */
    private static boolean skipped(String entryName, String name) {
        return entryName.startsWith("__MACOSX/") || !SourceFiles.isDataFile(name);
    }

    /** Copies at most {@code max} bytes; returns how many were copied. */
    private static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int read;
        while (copied < max && (read = in.read(buffer, 0, (int) Math.min(buffer.length, max - copied))) > 0) {
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }

    /** Moves the unpacked files to the archive's own folder (kept if an earlier unpacking made it). */
    private Unpacked settle(Path work, Path archive, List<Entry> entries) throws IOException {
        Path target = properties.uploadDirPath().resolve("zip-" + SourceFiles.sha256(Files.readAllBytes(archive)).substring(0, 24));
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            // unpacked before (same checksum, same files): that folder is used
        }
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return new Unpacked(entries.stream().map(e -> new Entry(target.resolve(e.path().getFileName()).toAbsolutePath().normalize(), e.label()))
                .toList(), null);
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover folder goes with the next clean-up of old uploads
        }
    }
}
