package io.relationships.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupDiff;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.RunCounts;
import io.relationships.load.format.FileParserTest;
import io.relationships.support.TestFiles;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loads that go through and what they write: full, incremental and dry runs, every issuer format and kind of file,
 * and one load at a time. What runs leave behind (history, diffs, rollbacks) is {@link LoadHistoryTest}'s; input
 * that must be rejected is {@link LoadValidationTest}'s.
 */
class LoadingTest extends CatalogLoadTest {

    @Autowired
    CatalogHistory history;

    @Test
    void aFullLoadReadsEveryIssuerFormatAndReplacesTheEtfs() throws IOException {
        for (String fixture : List.of("ITOT_holdings.csv", "qqq_holdings.csv", "ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv", "VGT.json",
                "XLU.json", "SPY_standard.csv")) {
            files.copyFixture("formats/" + fixture);
        }
        files.write("holdings-daily-us-en-dia.xlsx", FileParserTest.ssgaWorkbook("DIA"));
        int sampleHoldings = catalog.stats().memberships().get(GroupType.ETF).intValue();

        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.FULL, files.directory());

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.files(run.id())).extracting(FileOutcome::groupKey, FileOutcome::format, FileOutcome::status).containsExactlyInAnyOrder(
                Tuple.tuple("ARKK", "ARK CSV", FileOutcome.Status.LOADED),
                Tuple.tuple("ITOT", "iShares CSV", FileOutcome.Status.LOADED),
                Tuple.tuple("DIA", "SSGA/SPDR XLSX", FileOutcome.Status.LOADED),
                Tuple.tuple("SPY", "standard CSV", FileOutcome.Status.LOADED),
                Tuple.tuple("VGT", "JSON holdings", FileOutcome.Status.LOADED),
                Tuple.tuple("XLU", "JSON holdings", FileOutcome.Status.LOADED),
                Tuple.tuple("QQQ", "Invesco CSV", FileOutcome.Status.LOADED));
        // a full load replaces the ETFs: the sample's are gone, these are there
        assertThat(catalog.group(GroupType.ETF, "XLK")).isEmpty();
        // everything the sample ETFs held goes, except what the new files hold again: DIA's NVDA, XLU's NEE and SO
        assertThat(run.counts().removed()).isEqualTo(sampleHoldings - 3);
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "ITOT")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("AAPL", new BigDecimal("40.5"), "BRK.B", new BigDecimal("30.25"), "XOM", new BigDecimal("29")));
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "SPY"))).containsOnlyKeys("AAPL", "BRK.B", "BRK.A");
        var itot = catalog.group(GroupType.ETF, "ITOT").orElseThrow();
        assertThat(itot.metadataText("asOf")).isEqualTo("2025-05-08");
        assertThat(itot.metadataText("issuer")).isEqualTo("iShares");
        assertThat(itot.metadataText("checksum")).hasSize(64);
        assertThat(itot.name()).isEqualTo("iShares Example Total Market ETF");
        String original = jdbc.sql("""
                        select m.metadata ->> 'originalSymbol' from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.key = 'ITOT' and m.symbol = 'BRK.B'""").query(String.class).single();
        assertThat(original).isEqualTo("BRKB");
        assertThat(runs.findings(run.id(), 100)).extracting(Finding::code).contains("ROWS_SKIPPED").doesNotContain("WEIGHT_SUM");
        assertThat(run.validation()).containsEntry("passed", true);
    }

    @Test
    void aManifestNamesTheGroupsOfFilesWhoseNamesDoNot() {
        Path fund = files.write("holdings/fund-export.csv", "# as_of: 2025-11-20\nsymbol,weight\nAAPL,60\nMSFT,40\n");
        files.write("holdings/manifest.csv", "file,key,name\n# the issuer's download, renamed\nfund-export.csv,TECHX,Example Tech Leaders ETF\n");
        files.write("universes/constituents (2).csv", "symbol,name\nAAPL,Apple\nMSFT,Microsoft\nNVDA,NVIDIA\n");
        files.write("universes/manifest.csv", "file,key,name\nconstituents (2).csv,tech3,Three Tech Names\n");

        // a single file named in the request has no folder manifest to go by, and its name says nothing: refused
        LoadRunRecord alone = loadFiles(RunKind.ETF_HOLDINGS, fund);
        assertThat(runs.findings(alone.id(), 100)).extracting(Finding::code).contains("FUND_UNKNOWN");
        assertThat(catalog.group(GroupType.ETF, "TECHX")).isEmpty();

        LoadRunRecord holdings = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory().resolve("holdings"));
        LoadRunRecord universe = load(RunKind.UNIVERSES, LoadMode.INCREMENTAL, files.directory().resolve("universes"));

        assertThat(holdings.status()).as(String.valueOf(holdings.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(universe.status()).as(String.valueOf(universe.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(catalog.group(GroupType.ETF, "TECHX").orElseThrow().name()).isEqualTo("Example Tech Leaders ETF");
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "TECHX"))).containsOnlyKeys("AAPL", "MSFT");
        assertThat(catalog.group(GroupType.UNIVERSE, "tech3").orElseThrow().name()).isEqualTo("Three Tech Names");
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "tech3"))).containsOnlyKeys("AAPL", "MSFT", "NVDA");
    }

    @Test
    void incrementalLoadSkipsFilesWithAnUnchangedChecksumAndAppliesOnlyWhatChanged() throws IOException {
        files.copyFixture("formats/SPY_standard.csv");
        files.copyFixture("formats/qqq_holdings.csv");
        LoadRunRecord first = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(first.counts().added()).isEqualTo(6);

        LoadRunRecord again = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.files(again.id())).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.UNCHANGED);
        assertThat(again.counts()).isEqualTo(new RunCounts(0, 0, 0, 0));
        // what the post-run validation finds for a run that changed nothing (it is not asked: there is nothing to ask about)
        assertThat(again.validation()).containsEntry("passed", true).containsEntry("emptyGroups", 0)
                .containsEntry("orphanMemberships", 0).containsEntry("scope", first.validation().get("scope"));

        Path spy = files.directory().resolve("SPY_standard.csv");
        Files.writeString(spy, Files.readString(spy).replace("AAPL,Apple Inc.,50.0", "AAPL,Apple Inc.,40.0")
                .replace("brk.a,Berkshire Hathaway Inc. Class A,25.0,Financials,1", "MSFT,Microsoft Corp.,35.0,Information Technology,10"));
        LoadRunRecord changed = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(runs.files(changed.id())).extracting(FileOutcome::groupKey, FileOutcome::status).containsExactlyInAnyOrder(
                Tuple.tuple("SPY", FileOutcome.Status.LOADED),
                Tuple.tuple("QQQ", FileOutcome.Status.UNCHANGED));
        assertThat(changed.counts()).isEqualTo(new RunCounts(1, 1, 1, 1));
        List<GroupDiff> diff = history.diff(changed.id(), 100);
        // BRK.A left its only holder: it leaves its sector in the same run
        assertThat(diff).filteredOn(d -> d.group().type() == GroupType.SECTOR).singleElement()
                .satisfies(d -> assertThat(d.removed()).containsExactly("BRK.A"));
        assertThat(diff).filteredOn(d -> d.group().type() == GroupType.ETF).singleElement().satisfies(d -> {
            assertThat(d.group()).isEqualTo(new GroupRef(GroupType.ETF, "SPY"));
            assertThat(d.added()).containsExactly("MSFT");
            assertThat(d.removed()).containsExactly("BRK.A");
            assertThat(d.reweighted()).singleElement().satisfies(c -> {
                assertThat(c.symbol()).isEqualTo("AAPL");
                assertThat(c.oldWeight()).isEqualByComparingTo("50");
                assertThat(c.newWeight()).isEqualByComparingTo("40");
            });
        });
        // the sample ETFs were not touched by incremental runs
        assertThat(catalog.group(GroupType.ETF, "XLK")).isPresent();
    }

    @Test
    void aDryRunRecordsTheCompleteDiffAndWritesNothing() {
        files.copyFixture("formats/SPY_standard.csv");
        String before = fingerprint();

        LoadRunRecord dry = load(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, files.directory());

        assertThat(dry.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(dry.counts().added()).isEqualTo(3);
        assertThat(dry.counts().removed()).isEqualTo(catalog.stats().memberships().get(GroupType.ETF));
        List<GroupDiff> diff = history.diff(dry.id(), 1000);
        assertThat(diff).extracting(d -> d.group().key()).contains("SPY", "XLK", "DIA");
        assertThat(diff).filteredOn(d -> d.group().key().equals("XLK")).singleElement()
                .satisfies(d -> assertThat(d.groupChange()).isEqualTo("DELETED"));
        assertThat(jdbc.sql("select count(*) from catalog_events where load_run_id = ?").param(dry.id()).query(Long.class).single()).isZero();
    }

    @Test
    void universesLoadPublishedConstituentListsWithTheirNames() {
        LoadRunRecord run = loadFiles(RunKind.UNIVERSES, TestFiles.FIXTURES.resolve("formats/sp500.csv"));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        var sp500 = catalog.group(GroupType.UNIVERSE, "sp500").orElseThrow();
        assertThat(sp500.name()).isEqualTo("S&P 500");
        assertThat(catalog.members(sp500.ref())).containsOnlyKeys("MMM", "AOS", "BRK.B");
        String sector = jdbc.sql("""
                        select m.metadata ->> 'sector' from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = 'UNIVERSE' and g.key = 'sp500' and m.symbol = 'MMM'""").query(String.class).single();
        assertThat(sector).isEqualTo("Industrials");
    }

    @Test
    void aHoldingsFileCanStandInForAUniverseUnderTheKeyItIsGiven() {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.UNIVERSES, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(TestFiles.FIXTURES.resolve("formats/ITOT_holdings.csv"), "russell3000"))));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "russell3000"))).containsOnlyKeys("AAPL", "BRK.B", "XOM");
        assertThat(catalog.group(GroupType.UNIVERSE, "russell3000").orElseThrow().name()).isEqualTo("iShares Example Total Market ETF");
    }

    @Test
    void themesLoadFromTheWideAndTheLongLayout() {
        Path wide = files.write("themes.csv", "theme,name,description,symbols\nspace,Space Economy,\"Launch, satellites\",RKLB;ASTS|IRDM\n");
        Path longer = files.write("more-themes.csv", "theme,name,symbol\nquantum,Quantum Computing,IONQ\nquantum,Quantum Computing,RGTI\n");
        LoadRunRecord run = loadFiles(RunKind.THEMES, wide, longer);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(catalog.members(new GroupRef(GroupType.THEME, "space"))).containsOnlyKeys("RKLB", "ASTS", "IRDM");
        assertThat(catalog.members(new GroupRef(GroupType.THEME, "quantum"))).containsOnlyKeys("IONQ", "RGTI");
        assertThat(catalog.group(GroupType.THEME, "space").orElseThrow().description()).isEqualTo("Launch, satellites");
    }

    @Test
    void aSecondLoadWhileOneRunsIsToldWhichRunHoldsTheLock() {
        for (int i = 0; i < 300; i++) {
            StringBuilder csv = new StringBuilder("# fund: T" + i + "\n# as_of: 2025-11-14\nsymbol,weight\n");
            for (int j = 0; j < 100; j++) {
                csv.append("S").append(j).append(",1\n");
            }
            files.write("T" + i + ".csv", csv.toString());
        }
        LoadRunRecord running = loads.start(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test").withDirectory(files.directory()));

        assertThatThrownBy(() -> loads.start(LoadRequest.of(RunKind.THEMES, LoadMode.FULL, Trigger.CLI, "test")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(LoadException.Code.LOAD_RUNNING);
                    assertThat(e.getMessage()).contains("run " + running.id()).contains("started at");
                });
        awaitFinished(running.id());
    }

    @Test
    void aRunLeftRunningByAStoppedProcessIsMarkedFailedByTheNextLoad() {
        long orphan = runs.create(RunKind.ETF_HOLDINGS, LoadMode.FULL, Trigger.CLI, "a process that died", Map.of(), null, null);
        loadFiles(RunKind.ETF_HOLDINGS, TestFiles.FIXTURES.resolve("formats/XLU.json"));
        LoadRunRecord record = runs.find(orphan).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.error()).contains("interrupted");
    }

    void awaitFinished(long runId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (runs.find(runId).orElseThrow().status() == RunStatus.RUNNING && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
