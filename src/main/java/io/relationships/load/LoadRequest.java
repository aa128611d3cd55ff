package io.relationships.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.load.LoadMode;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;

/**
 * A request to load.
 *
 * @param directory  where the files are; null for the kind's folder in the data directory
 * @param files      single files instead of a directory, each optionally with the key of its group
 *                   ({@code sp500} for a universe, {@code IVV} for an ETF)
 * @param symbols    ETF holdings only: load just the files of these ETFs
 */
public record LoadRequest(RunKind kind, LoadMode mode, Trigger trigger, String triggeredBy, Path directory,
                          List<FileSpec> files, Set<String> symbols) {

    public LoadRequest {
        files = files == null ? List.of() : List.copyOf(files);
        symbols = symbols == null ? Set.of() : Set.copyOf(symbols);
    }

    public static LoadRequest of(RunKind kind, LoadMode mode, Trigger trigger, String triggeredBy) {
        return new LoadRequest(kind, mode, trigger, triggeredBy, null, List.of(), Set.of());
    }

    public LoadRequest withKind(RunKind newKind) {
        return new LoadRequest(newKind, mode, trigger, triggeredBy, null, List.of(), Set.of());
    }

    public LoadRequest withDirectory(Path newDirectory) {
        return new LoadRequest(kind, mode, trigger, triggeredBy, newDirectory, files, symbols);
    }

    public LoadRequest withSymbols(Set<String> newSymbols) {
        return new LoadRequest(kind, mode, trigger, triggeredBy, directory, files, newSymbols);
    }

    public LoadRequest withFiles(List<FileSpec> newFiles) {
        return new LoadRequest(kind, mode, trigger, triggeredBy, directory, newFiles, symbols);
    }

    /**
     * A file to load — a path below the data directory or an allowed root, or an upload by its id — and the key of its
     * group when the file's name or content does not say.
     */
    public record FileSpec(Path path, String key, String upload) {

        public FileSpec(Path path, String key) {
            this(path, key, null);
        }

        public static FileSpec upload(String uploadId, String key) {
            return new FileSpec(null, key, uploadId);
        }

        String describe() {
            String where = upload != null ? "upload " + upload : String.valueOf(path);
            return key == null ? where : key + "=" + where;
        }
    }

    Map<String, Object> describe() {
        var map = new LinkedHashMap<String, Object>();
        if (directory != null) {
            map.put("directory", directory.toString());
        }
        if (!files.isEmpty()) {
            map.put("files", files.stream().map(FileSpec::describe).toList());
        }
        if (!symbols.isEmpty()) {
            map.put("symbols", symbols.stream().sorted().toList());
        }
        return map;
    }
}
