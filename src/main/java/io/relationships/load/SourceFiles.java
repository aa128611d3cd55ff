package io.relationships.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.relationships.load.Finding;
import io.relationships.load.LoadRequest.FileSpec;
import io.relationships.load.format.CsvTable;
import org.springframework.stereotype.Component;

/**
 * Finds the files of a run and reads them, refusing anything outside the data directory and the configured
 * allowed roots (a mutation must not be able to read {@code /etc/passwd}).
 * <p>
 * A little over the usual size, on purpose: every rule about which paths a request may reach (roots, links,
 * manifests, archives) is here, the one boundary to review for file access.
 */
@Component
public class SourceFiles {

    /** The optional file in a folder that maps file names to group keys and names: {@code file,key,name}. */
    static final String MANIFEST = "manifest.csv";

    /**
     * A file to read, with the key and name the request or the folder's manifest give for its group.
     *
     * @param path    the real path to read; null for a file refused without being read
     * @param refusal why it is refused (a link out of the roots, an archive that may not be unpacked); null to read it
     */
    record SourceFile(Path path, String label, String key, String name, Finding refusal) {

        SourceFile(Path path, String label, String key, String name) {
            this(path, label, key, name, null);
        }

        String fileName() {
            return path == null ? Path.of(label).getFileName().toString() : path.getFileName().toString();
        }
    }

    /**
     * The data files a request's file or a folder's entry stands for: itself, or the files of a {@code .zip} unpacked
     * (none when the archive is refused, and the refusal).
     */
    public record Expanded(List<Path> files, List<Finding> refusals) {
    }

    /** A file's content and SHA-256. */
    record Content(byte[] bytes, String checksum) {
    }

    /** Reading a file failed in a way the run reports as a finding on that file. */
    static final class Unreadable extends Exception {
        private final transient Finding finding;

        Unreadable(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }

        Finding finding() {
            return finding;
        }
    }

    private final DataDirectory dataDirectory;
    private final LoadProperties properties;
    private final Uploads uploads;
    private final ZipArchives archives;

    SourceFiles(DataDirectory dataDirectory, LoadProperties properties, Uploads uploads, ZipArchives archives) {
        this.dataDirectory = dataDirectory;
        this.properties = properties;
        this.uploads = uploads;
        this.archives = archives;
    }

    List<SourceFile> list(LoadRequest request, String defaultFolder) {
        if (!request.files().isEmpty()) {
            List<SourceFile> files = new ArrayList<>();
            for (FileSpec spec : request.files()) {
                Path path = path(spec);
                // an upload is named as the operator named the file, not by where this instance keeps it
                String label = spec.upload() != null ? path.getFileName().toString() : label(path);
                files.addAll(withArchivesUnpacked(new SourceFile(path, label, spec.key(), null)));
            }
            return files;
        }
        Path directory = request.directory() != null ? allowed(request.directory()) : dataDirectory.resolve(defaultFolder);
        if (!Files.isDirectory(directory)) {
            if (request.directory() != null) {
                throw new LoadException(LoadException.Code.BAD_REQUEST, "No such directory: " + request.directory());
            }
            return List.of();
        }
        Map<String, String[]> manifest = manifest(directory);
        List<Path> roots = realRoots();
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> isDataFile(p.getFileName().toString()))
                    .sorted()
                    .map(p -> listed(p, roots, manifest))
                    .filter(Objects::nonNull)
                    .flatMap(file -> withArchivesUnpacked(file).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    /** The file a request names, readable here: an upload written out from PostgreSQL, or a path below a root. */
    public Path path(FileSpec spec) {
        Path path = allowed(spec.upload() != null ? uploads.materialize(spec.upload()) : spec.path());
        if (!Files.isRegularFile(path)) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "No such file: " + spec.path());
        }
        return path;
    }

    /** A file below a root as the data files it stands for: a {@code .zip} unpacked, anything else itself. */
    public Expanded expand(Path file) {
        List<SourceFile> files = withArchivesUnpacked(new SourceFile(file, label(file), null, null));
        return new Expanded(files.stream().map(SourceFile::path).filter(Objects::nonNull).toList(),
                files.stream().map(SourceFile::refusal).filter(Objects::nonNull).toList());
    }

    /** An archive's entries in its place (each with the archive's key and name), or the archive refused. */
    private List<SourceFile> withArchivesUnpacked(SourceFile file) {
        if (file.path() == null || !ZipArchives.isArchive(file.path())) {
            return List.of(file);
        }
        ZipArchives.Unpacked unpacked = archives.unpack(file.path(), file.label());
        if (unpacked.refusal() != null) {
            return List.of(new SourceFile(null, file.label(), file.key(), file.name(), unpacked.refusal()));
        }
        return unpacked.entries().stream().map(e -> new SourceFile(e.path(), e.label(), file.key(), file.name())).toList();
    }

    /**
     * A folder entry as a file to read: its real path when that is a regular file below a root; a link that leads
     * out of the roots (or nowhere) is kept with no path, so that the run rejects it by name without reading it.
     * Sub-folders are not read.
     */
    private SourceFile listed(Path entry, List<Path> roots, Map<String, String[]> manifest) {
        String[] named = manifest.get(entry.getFileName().toString());
        String key = named == null ? null : named[0];
        String name = named == null ? null : named[1];
        Path real;
        try {
            real = entry.toRealPath();
        } catch (IOException danglingLink) {
            return Files.isSymbolicLink(entry) ? new SourceFile(null, label(entry), key, name, outsideRoots(entry)) : null;
        }
        if (!Files.isRegularFile(real)) {
            return null;
        }
        return roots.stream().anyMatch(real::startsWith) ? new SourceFile(real, label(entry), key, name)
                : new SourceFile(null, label(entry), key, name, outsideRoots(entry));
    }

    private Finding outsideRoots(Path entry) {
        return Finding.error(label(entry), null, "LINK_OUTSIDE_ROOTS",
                "the file is a link that leads outside the data directory and the allowed roots (or nowhere); it was not read");
    }

    Content read(SourceFile file) throws Unreadable {
        if (file.refusal() != null) {
            throw new Unreadable(file.refusal());
        }
        try {
            long size = Files.size(file.path());
            long max = properties.maxFileSize().toBytes();
            if (size > max) {
                throw new Unreadable(Finding.error(file.label(), null, "FILE_TOO_LARGE",
                        "the file is " + megabytes(size) + " MB; files above " + megabytes(max)
                                + " MB are refused (relationships.load.max-file-size)"));
            }
            byte[] bytes = Files.readAllBytes(file.path());
            return new Content(bytes, sha256(bytes));
        } catch (NoSuchFileException e) {
            throw new Unreadable(Finding.error(file.label(), null, "FILE_VANISHED",
                    "the file was listed but is gone: deleted or moved while the load ran"));
        } catch (IOException e) {
            throw new Unreadable(Finding.error(file.label(), null, "FILE_UNREADABLE", "could not read the file: " + e.getMessage()));
        }
    }

    /**
     * The real path of {@code path} (links resolved), if it lies below the data directory or an allowed root. A path
     * outside them is refused with the same words whether or not it exists, so that the refusal tells nothing about
     * the rest of the disk.
     */
    public Path allowed(Path path) {
        Path absolute = (path.isAbsolute() ? path : Path.of("").toAbsolutePath().resolve(path)).normalize();
        List<Path> roots = realRoots();
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            if (roots.stream().noneMatch(absolute::startsWith) && lexicalRoots().stream().noneMatch(absolute::startsWith)) {
                throw outside(path);
            }
            throw new LoadException(LoadException.Code.BAD_REQUEST, e instanceof NoSuchFileException
                    ? "No such file or directory: " + path : "Cannot read " + path + ": " + e.getMessage());
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            throw outside(path);
        }
        return real;
    }

    private LoadException outside(Path path) {
        return new LoadException(LoadException.Code.BAD_REQUEST, path + " is outside the data directory ("
                + dataDirectory.root() + ") and the allowed roots (relationships.load.allowed-roots)");
    }

    /** The roots as real paths (a root that does not exist allows nothing). */
    private List<Path> realRoots() {
        List<Path> real = new ArrayList<>();
        for (Path root : lexicalRoots()) {
            try {
                real.add(root.toRealPath());
            } catch (IOException missingRoot) {
                // allows nothing
            }
        }
        return real;
    }

    private List<Path> lexicalRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(dataDirectory.root());
        properties.allowedRootPaths().forEach(root -> roots.add(root.toAbsolutePath().normalize()));
        roots.add(properties.uploadDirPath());
        roots.addAll(properties.inbox().folderPaths().values());
        return roots;
    }

    /**
     * How a run names a file: below the data directory, relative to it; an upload or an unpacked archive's entry (kept
     * in this instance's upload folder), by its own name; anything else, by its full path.
     */
    public String label(Path path) {
        if (path.toAbsolutePath().normalize().startsWith(properties.uploadDirPath())) {
            return path.getFileName().toString();
        }
        Path root = dataDirectory.root();
        try {
            Path realRoot = root.toRealPath();
            if (path.startsWith(realRoot)) {
                return realRoot.relativize(path).toString();
            }
        } catch (IOException e) {
            // no data directory: show the full path
        }
        return path.toString();
    }

    /** Whether a folder's entry is a file to load: not hidden, not the manifest, not notes or an editor's backup. */
    static boolean isDataFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && !lower.equals(MANIFEST) && !lower.endsWith(".md") && !lower.endsWith("~");
    }

    /** {@code manifest.csv} ({@code file,key,name}): file name to {key, name}. */
    private static Map<String, String[]> manifest(Path directory) {
        Path manifest = directory.resolve(MANIFEST);
        Map<String, String[]> entries = new LinkedHashMap<>();
        if (!Files.isRegularFile(manifest)) {
            return entries;
        }
        List<Finding> findings = new ArrayList<>();
        try {
            CsvTable table = CsvTable.read(MANIFEST, Files.readAllBytes(manifest), findings).orElse(null);
            if (table == null) {
                throw new LoadException(LoadException.Code.BAD_REQUEST, "the manifest cannot be read: " + findings.get(0));
            }
            if (table.column("file").isEmpty() || table.column("key").isEmpty()) {
                throw new LoadException(LoadException.Code.BAD_REQUEST, MANIFEST + ":" + table.headerLine()
                        + ": the manifest needs a header row 'file,key,name'");
            }
            int file = table.column("file").getAsInt();
            int key = table.column("key").getAsInt();
            int name = table.column("name").orElse(-1);
            for (CsvTable.Row row : table.rows()) {
                if (row.text(file) != null && row.text(key) != null) {
                    entries.put(row.text(file), new String[] {row.text(key), row.text(name)});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + manifest, e);
        }
        return entries;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
