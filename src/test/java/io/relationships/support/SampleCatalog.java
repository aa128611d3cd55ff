package io.relationships.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadException;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import org.awaitility.Awaitility;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared catalog as an API test reads, changes and puts it back (a bean of every {@code @IntegrationTest} context):
 * a client over HTTP, a load of a test file, a rollback, the sample data again, each change followed by a graph sync
 * so that the next read sees it. A rollback gives back what a reload of the sample cannot: the securities' own figures
 * (market caps, exchanges) a test's file brought.
 */
public final class SampleCatalog {

    private final LoadService loads;
    private final GraphSync sync;
    private final Environment environment;

    SampleCatalog(LoadService loads, GraphSync sync, Environment environment) {
        this.loads = loads;
        this.sync = sync;
        this.environment = environment;
    }

    /** A client of this context's service with the test profile's ADMIN key, the graph in step first. */
    public GraphQlHttp client() {
        sync();
        return GraphQlHttp.on(environment.getRequiredProperty("local.server.port", Integer.class), IntegrationTest.ADMIN_KEY);
    }

    /** An incremental load of one file ({@code key}: its group, where neither its name nor its content says), synced. */
    public LoadRunRecord load(RunKind kind, Path file, String key) {
        LoadRunRecord run = loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(file, key))));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        sync();
        return run;
    }

    public void rollBack(LoadRunRecord run) {
        assertThat(loads.rollback(run.id(), false, Trigger.CLI, "test").status()).isEqualTo(RunStatus.SUCCEEDED);
        sync();
    }

    /**
     * The sample data again, as every test leaves the shared catalog (a full load of the data directory, once any load
     * still running has finished), and the graph in step with it. {@link RestoresSampleData} does this after each test.
     */
    public void restore() {
        LoadRunRecord restored = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInSameThread().ignoreException(LoadException.class)
                .until(() -> loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")), Objects::nonNull);
        assertThat(restored.status()).as("restoring the sample data: %s", restored.error()).isEqualTo(RunStatus.SUCCEEDED);
        sync();
    }

    /** The graph in step with the catalog. */
    public void sync() {
        sync.syncNow(false, "test");
    }
}
