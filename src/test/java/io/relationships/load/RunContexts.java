package io.relationships.load;

import java.util.Map;

import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;

/** Lets tests in other packages drive a {@link LoadStep} directly, as {@link LoadService} would. */
public final class RunContexts {

    private RunContexts() {
    }

    public static RunContext create(LoadRunStore runs, RunKind kind, LoadMode mode, LoadRequest request) {
        long id = runs.create(kind, mode, Trigger.CLI, "test", Map.of(), null, null);
        return new RunContext(id, request, runs, new ProgressHub());
    }
}
