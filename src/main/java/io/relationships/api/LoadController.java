package io.relationships.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.relationships.catalog.Symbols;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadProgress;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;
import io.relationships.support.Privileged;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * Starting loads and rollbacks, and following one: each mutation becomes a {@link LoadRequest} for
 * {@link LoadService}, which decides (and checks the caller's role); the run is answered at once, RUNNING.
 */
@Controller
class LoadController {

    record FileInput(String path, String upload, String key) {
    }

    private final LoadService loads;

    LoadController(LoadService loads) {
        this.loads = loads;
    }

    @MutationMapping
    LoadRunRecord loadEtfHoldings(@Argument LoadMode mode, @Argument List<String> symbols, @Argument String directory,
                                  @Argument List<FileInput> files, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        Set<String> canonical = symbols == null ? Set.of() : Set.copyOf(symbols.stream().map(Symbols::canonicalOrSelf).toList());
        return loads.start(request(RunKind.ETF_HOLDINGS, mode, directory, files, trigger).withSymbols(canonical));
    }

    @MutationMapping
    LoadRunRecord loadUniverses(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                                @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.UNIVERSES, mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord loadThemes(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                             @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.THEMES, mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord enrichSectors(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                                @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.SECTORS, mode == null ? LoadMode.FULL : mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord loadAll(@Argument LoadMode mode, @Argument String directory, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.ALL, mode, directory, null, trigger));
    }

    @MutationMapping
    LoadRunRecord rollbackLoad(@Argument String id, @Argument Boolean cascade, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.rollback(Arguments.id("id", id), Boolean.TRUE.equals(cascade), trigger, Privileged.currentUser());
    }

    @SubscriptionMapping
    Flux<LoadProgress> loadProgress(@Argument String runId) {
        return loads.follow(Arguments.id("runId", runId));
    }

    /** Who asked is the API key's name, the logged-in user, or anonymous. */
    private static LoadRequest.FileSpec fileSpec(FileInput file) {
        if ((file.path() == null) == (file.upload() == null)) {
            throw new ApiException(ErrorCode.VALIDATION, "a file is given by its 'path' or by the id of its 'upload', one of the two");
        }
        return file.upload() != null ? LoadRequest.FileSpec.upload(file.upload(), file.key()) : new LoadRequest.FileSpec(Path.of(file.path()), file.key());
    }

    private static LoadRequest request(RunKind kind, LoadMode mode, String directory, List<FileInput> files, Trigger trigger) {
        LoadRequest request = LoadRequest.of(kind, mode == null ? LoadMode.INCREMENTAL : mode, trigger, Privileged.currentUser());
        if (directory != null && !directory.isBlank()) {
            request = request.withDirectory(Path.of(directory));
        }
        if (files != null && !files.isEmpty()) {
            request = request.withFiles(files.stream().map(LoadController::fileSpec).toList());
        }
        return request;
    }
}
