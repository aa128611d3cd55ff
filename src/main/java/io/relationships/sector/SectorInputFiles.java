package io.relationships.sector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.relationships.load.DataDirectory;
import io.relationships.load.Finding;
import io.relationships.load.LoadException;
import io.relationships.load.LoadRequest;
import io.relationships.load.SourceFiles;
import org.springframework.stereotype.Component;

/**
 * The curated and screener files a classification reads: named in the request (as {@code curated} or
 * {@code screener}), or found in the data directory's {@code sectors/} folder and its {@code screener/}.
 */
@Component
class SectorInputFiles {

    private final DataDirectory dataDirectory;
    private final SourceFiles sourceFiles;

    SectorInputFiles(DataDirectory dataDirectory, SourceFiles sourceFiles) {
        this.dataDirectory = dataDirectory;
        this.sourceFiles = sourceFiles;
    }

    /** The data directory's own inputs. */
    SectorInputs defaults() {
        return of(null, List.of());
    }

    /**
     * The inputs of a run. A directory that does not exist gives none: in a {@code loadAll} of a folder, the
     * enrichment still classifies from the holdings; a request naming a missing folder is refused by {@link #check}.
     */
    SectorInputs of(LoadRequest request) {
        if (request.directory() != null && request.files().isEmpty() && !Files.isDirectory(request.directory())) {
            return new SectorInputs(List.of(), List.of());
        }
        return of(request.directory(), request.files());
    }

    /** How the run names an input file (an upload by its own name). */
    String label(Path file) {
        return sourceFiles.label(file);
    }

    /** Refuses a request whose files or folder do not exist or lie outside the allowed roots. */
    void check(LoadRequest request) {
        of(request.directory(), request.files());
    }

    private SectorInputs of(Path requestedDirectory, List<LoadRequest.FileSpec> files) {
        List<Path> curated = new ArrayList<>();
        List<Path> screener = new ArrayList<>();
        List<Finding> refusals = new ArrayList<>();
        if (!files.isEmpty()) {
            for (LoadRequest.FileSpec spec : files) {
                SourceFiles.Expanded expanded = sourceFiles.expand(sourceFiles.path(spec));
                refusals.addAll(expanded.refusals());
                for (Path path : expanded.files()) {
                    String role = spec.key() != null ? spec.key().toLowerCase(Locale.ROOT) : roleOf(path);
                    switch (role) {
                        case "curated" -> curated.add(path);
                        case "screener" -> screener.add(path);
                        default -> throw new LoadException(LoadException.Code.BAD_REQUEST, "a sector input is 'curated' or 'screener', not '"
                                + spec.key() + "' (" + (spec.upload() != null ? "upload " + spec.upload() : spec.path()) + ")");
                    }
                }
            }
            return new SectorInputs(curated, screener, refusals);
        }
        Path directory = requestedDirectory != null ? sourceFiles.allowed(requestedDirectory) : dataDirectory.resolve("sectors");
        if (Files.isDirectory(directory)) {
            for (Path file : list(directory)) {
                SourceFiles.Expanded expanded = sourceFiles.expand(file);
                refusals.addAll(expanded.refusals());
                expanded.files().forEach(path -> (roleOf(path).equals("curated") ? curated : screener).add(path));
            }
            Path screenerFolder = directory.resolve("screener");
            if (Files.isDirectory(screenerFolder)) {
                screener.addAll(list(screenerFolder));
            }
        }
        return new SectorInputs(curated, screener, refusals);
    }

    private static String roleOf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).contains("classification") ? "curated" : "screener";
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".zip")) && !name.equals("screener-sectors.csv")
                        && !name.equals("sic-sectors.csv") && !name.startsWith(".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
