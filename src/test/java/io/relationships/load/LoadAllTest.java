package io.relationships.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.relationships.IntegrationTest;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.AdvisoryLocks;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loadAll} commits step by step. When a step fails, or the service stops in the middle, the run says exactly
 * which steps were applied, and rolling the run back undoes them.
 */
@IntegrationTest
@RestoresSampleData
class LoadAllTest {

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AdvisoryLocks locks;

    final TestFiles files = TestFiles.create();


    @Test
    void aFailedStepSaysWhichStepsWereAppliedAndRollingBackTheRunUndoesThem() {
        String before = CatalogFingerprint.of(jdbc);
        files.write("root/holdings/PART.csv", "# fund: PART\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nZZPA,40\n");
        files.write("root/universes/broken.csv", "symbol,name\nAAPL,Apple\n=HYPERLINK(1),Evil\n");

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ALL, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withDirectory(files.directory().resolve("root")));

        List<LoadRunRecord> steps = runs.children(run.id());
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("stopped at UNIVERSES").contains("etf_holdings (run " + steps.get(0).id() + ")")
                .contains("rollbackLoad(id: " + run.id() + ")").doesNotContain("nothing of it was applied");
        assertThat(jdbc.sql("select count(*) from definition_groups where type = 'ETF' and key = 'PART'").query(Long.class).single()).isOne();

        LoadRunRecord rollback = loads.rollback(run.id(), false, Trigger.CLI, "test");

        assertThat(rollback.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(CatalogFingerprint.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aLoadAllCutShortByAStoppedServiceSaysWhichStepsItApplied() {
        // as a process that died during the universes step leaves it: the parent and that step RUNNING, holdings committed
        files.write("PART.csv", "# fund: PART\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n");
        LoadRunRecord holdings = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withDirectory(files.directory()));
        long parent = runs.create(RunKind.ALL, LoadMode.INCREMENTAL, Trigger.CLI, "test", Map.of(), null, null);
        jdbc.sql("update load_runs set parent_run_id = ? where id = ?").params(parent, holdings.id()).update();
        long universes = runs.create(RunKind.UNIVERSES, LoadMode.INCREMENTAL, Trigger.CLI, "test", Map.of(), parent, null);

        runs.failInterruptedRuns();

        assertThat(runs.find(universes).orElseThrow().error()).contains("nothing of it was applied");
        assertThat(runs.find(parent).orElseThrow().error()).contains("interrupted")
                .contains("etf_holdings (run " + holdings.id() + ")").contains("rollbackLoad(id: " + parent + ")");
    }

    @Test
    void aSecondLoadOnTheSameInstanceIsToldItIsThisInstance() {
        for (int i = 0; i < 200; i++) {
            files.write("many/T" + i + ".csv", "# fund: T" + i + "\n# as_of: 2025-11-14\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        }
        LoadRunRecord running = loads.start(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test")
                .withDirectory(files.directory().resolve("many")));
        try {
            loads.start(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "test"));
            throw new AssertionError("a second load was not refused");
        } catch (LoadException e) {
            assertThat(e.code()).isEqualTo(LoadException.Code.LOAD_RUNNING);
            assertThat(e.getMessage()).contains("on this instance").doesNotContain("another instance");
        }
        // its last event is sent while it still holds the lock; the restore after this test waits for the lock itself
        loads.follow(running.id()).blockLast(Duration.ofSeconds(60));
    }

    /**
     * A run's record says it ended a moment before the run lets go of the lock: a load started in that moment (a
     * script's next step) waits for the lock instead of being refused. Stood for here by holding the lock with no
     * run in progress and letting go of it shortly after the next load asked.
     */
    @Test
    void aLoadAskedWhileAnEndedRunStillHoldsTheLockWaitsForItInsteadOfBeingRefused() throws Exception {
        AdvisoryLocks.Held lingering = locks.tryAcquire(AdvisoryLocks.LOAD).orElseThrow();
        CompletableFuture<Void> letGo = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lingering.close();
        });

        LoadRunRecord next = loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "test"));

        letGo.get(10, TimeUnit.SECONDS);
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
}
