package io.relationships.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of the operator's own machine that a load sends: a folder's data files (and {@code .zip} archives), or
 * files named one by one, each with the key of its group when the command gives one ({@code sp500=constituents.csv}).
 * The same files a server-side folder would offer: hidden files, notes ({@code .md}) and editor backups are left out.
 */
final class LocalFiles {

    /** A file to upload, and the key of its group (null when its name or content says). */
    record LocalFile(Path path, String key) {
    }

    private LocalFiles() {
    }

    /**
     * A folder's files, sorted; for sectors also those of its {@code screener/} folder. Refuses a folder with a
     * {@code manifest.csv}: the service reads manifests only in its own folders, and sending the files without it
     * would load them under other keys.
     */
    static List<LocalFile> of(Path folder, boolean withScreenerFolder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no folder " + folder + " on this machine (a folder on the server is --server-dir)");
        }
        if (Files.exists(folder.resolve("manifest.csv"))) {
            throw new IllegalArgumentException(folder.resolve("manifest.csv") + ": manifests are read only in the service's own folders; "
                    + "name the files with --file KEY=PATH, or put the folder on the server and use --server-dir");
        }
        List<LocalFile> files = new ArrayList<>(list(folder));
        Path screener = folder.resolve("screener");
        if (withScreenerFolder && Files.isDirectory(screener)) {
            files.addAll(list(screener));
        }
        return files;
    }

    /** {@code PATH} or {@code KEY=PATH}, as typed. */
    static LocalFile named(String argument) {
        int equals = argument.indexOf('=');
        Path path = Path.of(equals > 0 ? argument.substring(equals + 1) : argument);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no file " + path + " on this machine");
        }
        return new LocalFile(path, equals > 0 ? argument.substring(0, equals) : null);
    }

    private static List<LocalFile> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).filter(p -> isDataFile(p.getFileName().toString())).sorted()
                    .map(p -> new LocalFile(p, null)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    private static boolean isDataFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && !lower.endsWith(".md") && !lower.endsWith("~");
    }
}
