package io.relationships.support;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads as the tests ask for them: run to the end, triggered from the CLI by "test". */
public final class TestLoads {

    private TestLoads() {
    }

    /** A run over every file of {@code directory}. */
    public static LoadRunRecord directory(LoadService loads, RunKind kind, LoadMode mode, Path directory) {
        return loads.run(LoadRequest.of(kind, mode, Trigger.CLI, "test").withDirectory(directory));
    }

    /** An incremental run over just these files. */
    public static LoadRunRecord files(LoadService loads, RunKind kind, Path... paths) {
        return loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(Arrays.stream(paths).map(p -> new LoadRequest.FileSpec(p, null)).toList()));
    }

    /** An incremental run over one file, which must succeed. */
    public static LoadRunRecord succeeded(LoadService loads, RunKind kind, Path file) {
        LoadRunRecord run = loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(file, null))));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }
}
