package io.relationships.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.relationships.IntegrationTest;
import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupDiff;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipHistory;
import io.relationships.catalog.RunCounts;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.load.format.FileParserTest;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.IdWindow;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@RestoresSampleData
class LoadingTest {

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    CatalogHistory history;
    @Autowired
    MembershipHistory membershipHistory;
    @Autowired
    JdbcClient jdbc;

    final TestFiles files = TestFiles.create();

    /** Every test leaves the shared catalog as the sample data made it. */

    LoadRunRecord load(RunKind kind, LoadMode mode, Path directory) {
        return loads.run(LoadRequest.of(kind, mode, Trigger.CLI, "test").withDirectory(directory));
    }

    LoadRunRecord loadFiles(RunKind kind, Path... paths) {
        return loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(Arrays.stream(paths).map(p -> new LoadRequest.FileSpec(p, null)).toList()));
    }

    String fingerprint() {
        return CatalogFingerprint.of(jdbc);
    }

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
    void rollbackRestoresTheCatalogExactly() {
        String before = fingerprint();
        files.copyFixture("formats/SPY_standard.csv");
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\nZZZT,5\n");
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fingerprint()).isNotEqualTo(before);

        LoadRunRecord rollback = loads.rollback(run.id(), false, Trigger.CLI, "test");

        assertThat(rollback.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rollback.kind()).isEqualTo(RunKind.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(run.id());
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(jdbc.sql("select count(*) from securities where symbol = 'ZZZT'").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> loads.rollback(run.id(), false, Trigger.CLI, "test"))
                .isInstanceOf(LoadException.class).hasMessageContaining("already rolled back");
    }

    @Test
    void rollbackIsRefusedWhenALaterRunChangedTheSameGroupUnlessCascading() {
        String before = fingerprint();
        Path first = files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\n");
        LoadRunRecord one = loadFiles(RunKind.ETF_HOLDINGS, first);
        Path second = files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,21\nAAPL,9\n");
        LoadRunRecord two = loadFiles(RunKind.ETF_HOLDINGS, second);
        assertThat(two.counts().changed()).isEqualTo(2);

        assertThatThrownBy(() -> loads.rollback(one.id(), false, Trigger.CLI, "test"))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(LoadException.Code.CONFLICT);
                    assertThat(e.getMessage()).contains(String.valueOf(two.id()));
                });
        LoadRunRecord cascade = loads.rollback(one.id(), true, Trigger.CLI, "test");

        assertThat(cascade.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(runs.find(two.id()).orElseThrow().rolledBackBy()).isEqualTo(cascade.id());
    }

    @Test
    void historyAnswersWhatAGroupHeldOnADayByItsFilesDatesAndAsKnownAtAMoment() throws InterruptedException {
        Path v1 = files.write("ZZL.csv", "# fund: ZZL\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\n");
        loadFiles(RunKind.ETF_HOLDINGS, v1);
        Thread.sleep(20);
        OffsetDateTime between = jdbc.sql("select now()").query(OffsetDateTime.class).single();
        Thread.sleep(20);
        Path v2 = files.write("ZZL.csv", "# fund: ZZL\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,25\nMSFT,12\n");
        loadFiles(RunKind.ETF_HOLDINGS, v2);

        GroupRef zzl = new GroupRef(GroupType.ETF, "ZZL"); // a fund of this test's own: its history is this test's alone
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 14), null)))
                .as("the last file dated that day").containsExactlyInAnyOrder("AAPL=10", "NVDA=20");
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 16), null))).containsExactlyInAnyOrder("MSFT=12", "NVDA=25");
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 16), between)))
                .as("as the catalog knew it before the second load").containsExactlyInAnyOrder("AAPL=10", "NVDA=20");
        assertThat(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 13), null)).as("before the first file").isEmpty();
        assertThat(catalog.members(zzl)).containsOnlyKeys("MSFT", "NVDA");
        assertThat(membershipHistory.changes(zzl, LocalDate.of(2025, 11, 15), new IdWindow(null, null, 10, false)))
                .extracting(c -> c.symbol() + ":" + c.change() + ":" + c.asOf())
                .containsExactlyInAnyOrder("AAPL:REMOVED:2025-11-15", "MSFT:ADDED:2025-11-15", "NVDA:CHANGED:2025-11-15");
    }

    static List<String> weights(List<MembershipHistory.PastMembership> members) {
        return members.stream().map(m -> m.symbol() + "=" + m.weight().toPlainString()).toList();
    }

    @Test
    void theDiffBetweenTwoRunsIsTheNetOfTheRunsInBetween() {
        LoadRunRecord a = loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\nMSFT,8\n"));
        loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,25\nAAPL,10\nORCL,3\n"));
        LoadRunRecord c = loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-16\n# holdings: top\nsymbol,weight\nNVDA,25\nAAPL,9\nAMD,2\n"));

        List<GroupDiff> diff = history.diffBetween(a.id(), c.id(), 100);

        // ORCL came and went in between: no change; MSFT left; AMD arrived; NVDA and AAPL moved
        assertThat(diff).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo(new GroupRef(GroupType.ETF, "XLK"));
            assertThat(group.added()).containsExactly("AMD");
            assertThat(group.removed()).containsExactly("MSFT");
            assertThat(group.reweighted()).extracting(m -> m.symbol() + " " + m.oldWeight() + "→" + m.newWeight())
                    .containsExactly("AAPL 10→9", "NVDA 20→25");
        });
        assertThat(history.diffBetween(c.id(), c.id(), 100)).isEmpty();
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

    @Test
    void aFullLoadOfAnEmptyFolderIsRefusedRatherThanEmptyingTheCatalog() throws IOException {
        String before = fingerprint();
        Path empty = Files.createDirectories(files.directory().resolve("empty"));
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.FULL, empty);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("no files to load");
        assertThat(fingerprint()).isEqualTo(before);
    }

    /** Refusing is for a load that would delete groups; where none of the kind exist, a full load of nothing is a no-op. */
    @Test
    void aFullLoadOfNothingWhereNoGroupOfTheKindExistsIsANoOpNotARefusal() throws IOException {
        jdbc.sql("delete from definition_groups where type = 'THEME'").update(); // a catalog that never had themes
        String before = fingerprint();
        Path empty = Files.createDirectories(files.directory().resolve("no-themes"));

        LoadRunRecord run = load(RunKind.THEMES, LoadMode.FULL, empty);

        assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.findings(run.id(), 100)).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("NO_FILES");
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        });
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void filesOutsideTheAllowedRootsAreRefused() {
        assertThatThrownBy(() -> loadFiles(RunKind.ETF_HOLDINGS, Path.of("/etc/passwd")))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.code()).isEqualTo(LoadException.Code.BAD_REQUEST))
                .hasMessageContaining("outside the data directory");
        assertThatThrownBy(() -> loadFiles(RunKind.ETF_HOLDINGS, files.directory().resolve("../../../pom.xml")))
                .isInstanceOf(LoadException.class);
    }

    @Test
    void aFileDeletedBetweenListingAndReadingRejectsTheRunAndChangesNothing() {
        Path kept = files.write("AAA.csv", "# as_of: 2025-11-14\nsymbol,weight\nNVDA,100\n");
        files.write("BBB.csv", "# as_of: 2025-11-14\nsymbol,weight\nAAPL,100\n");
        String before = fingerprint();
        SourceFiles deletingAfterListing = new SourceFiles(new DataDirectory(Path.of("data")),
                new LoadProperties(List.of("target/test-files"), DataSize.ofMegabytes(50),
                        new LoadProperties.WeightSum(new BigDecimal("2.5"), new BigDecimal("50"), new BigDecimal("120")), 200, false, "target/test-uploads", Duration.ofDays(7), false, "target/sample",
                        new LoadProperties.Archives(1000, DataSize.ofMegabytes(500), 100), new LoadProperties.Inbox(Map.of(), null, null, Duration.ofSeconds(30))),
                uploads, archives) {
            @Override
            List<SourceFile> list(LoadRequest request, String defaultFolder) {
                List<SourceFile> listed = super.list(request, defaultFolder);
                files.delete("BBB.csv");
                return listed;
            }
        };
        MembershipFileStep step = new MembershipFileStep(MembershipFileKind.HOLDINGS, deletingAfterListing, catalog, writerBean, membershipFiles, classifier);
        long runId = runs.create(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test", Map.of(), null, null);
        RunContext context = new RunContext(runId, LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withDirectory(files.directory()), runs, new ProgressHub());

        assertThatThrownBy(() -> step.execute(context)).isInstanceOf(RunRejected.class).hasMessageContaining("BBB.csv");
        assertThat(context.findings()).extracting(Finding::code).containsExactly("FILE_VANISHED");
        assertThat(fingerprint()).isEqualTo(before);
        runs.fail(runId, "test");
        assertThat(kept).exists();
    }

    @Autowired
    CatalogWriter writerBean;
    @Autowired
    MembershipFiles membershipFiles;
    @Autowired
    Uploads uploads;
    @Autowired
    ZipArchives archives;
    @Autowired
    ObjectProvider<SecurityClassifier> classifier;

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

    // -------------------------------------------------------------------------------------------------------------
    // bad input: a clear error naming file, line and column, and the catalog byte-for-byte as it was

    record BadFile(String name, byte[] content, String code, Integer line, Integer column) {
    }

    static BadFile bad(String name, String content, String code, Integer line, Integer column) {
        return new BadFile(name, content.getBytes(StandardCharsets.UTF_8), code, line, column);
    }

    static final String HEADER = "# as_of: 2025-11-14\nsymbol,name,weight\n";

    @Test
    void everyBadInputIsRejectedWithALocatedErrorAndLeavesTheCatalogAsItWas() throws IOException {
        String future = LocalDate.now().plusDays(30).toString();
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes((HEADER + "SAN,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,50\n").getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes("NSRGY,Nestl\u00e9 SA,50\n".getBytes(Charset.forName("windows-1252")));
        List<BadFile> cases = List.of(
                bad("EMPTY.csv", "", "EMPTY_FILE", null, null),
                bad("HEADERONLY.csv", HEADER, "NO_ROWS", 2, null),
                bad("SEMI.csv", "symbol;name;weight\nAAPL;Apple;100\n", "WRONG_DELIMITER", 1, null),
                bad("WHAT.csv", "colour,size\nred,10\n", "UNKNOWN_FORMAT", 1, null),
                bad("NOWEIGHT.csv", "# as_of: 2025-11-14\nsymbol,name\nAAPL,Apple\n", "MISSING_COLUMN", 2, null),
                bad("NAN.csv", HEADER + "AAPL,Apple,50\nMSFT,Microsoft,fifty\n", "WEIGHT_NOT_A_NUMBER", 4, 3),
                bad("NEG.csv", HEADER + "AAPL,Apple,-5\nMSFT,Microsoft,105\n", "WEIGHT_NEGATIVE", 3, 3),
                bad("TRIPLE.csv", HEADER + "AAPL,Apple,100\nMSFT,Microsoft,100\nNVDA,NVIDIA,100\n", "WEIGHT_SUM", null, null),
                bad("DUP.csv", HEADER + "BRK.B,Berkshire,50\nBRK-B,Berkshire,50\n", "DUPLICATE_SYMBOL", 4, 1),
                bad("BADDATE.csv", "# as_of: the 14th\nsymbol,name,weight\nAAPL,Apple,100\n", "AS_OF_UNPARSEABLE", null, null),
                bad("FUTURE.csv", "# as_of: " + future + "\nsymbol,name,weight\nAAPL,Apple,100\n", "AS_OF_IN_FUTURE", null, null),
                new BadFile("GARBAGE.csv", garbage, "BINARY_FILE", null, null),
                bad("INJECT.csv", HEADER + "'); DROP TABLE securities; --,Evil,50\n<script>,Evil,50\n", "INVALID_SYMBOL", 3, 1),
                new BadFile("MIXED.csv", mixed.toByteArray(), "MIXED_ENCODING", 4, null));
        for (BadFile bad : cases) {
            String before = fingerprint();
            Path path = files.write(bad.name(), bad.content());

            LoadRunRecord run = loadFiles(RunKind.ETF_HOLDINGS, path);

            assertThat(run.status()).as(bad.name()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).as(bad.name()).contains(bad.name()).contains("nothing was written");
            List<Finding> errors = runs.findings(run.id(), 100).stream().filter(Finding::isError).toList();
            assertThat(errors).as(bad.name()).isNotEmpty();
            Finding first = errors.get(0);
            assertThat(first.code()).as(bad.name()).isEqualTo(bad.code());
            assertThat(first.file()).as(bad.name()).endsWith(bad.name());
            assertThat(first.line()).as(bad.name() + " line").isEqualTo(bad.line());
            assertThat(first.column()).as(bad.name() + " column").isEqualTo(bad.column());
            assertThat(runs.files(run.id())).as(bad.name()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.REJECTED);
            assertThat(fingerprint()).as(bad.name() + " left the catalog unchanged").isEqualTo(before);
        }
    }

    @Test
    void twoFilesForTheSameEtfRejectBoth() {
        files.copyFixture("formats/XLU.json");
        files.write("XLU_holdings.csv", HEADER + "NEE,NextEra,100\n");
        String before = fingerprint();
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).extracting(Finding::code).containsOnly("DUPLICATE_GROUP");
        assertThat(runs.files(run.id())).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.REJECTED);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedWithoutBeingRead() throws IOException {
        Path huge = files.directory().resolve("HUGE.csv");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(200L * 1024 * 1024); // sparse: costs no disk
        }
        String before = fingerprint();
        LoadRunRecord run = loadFiles(RunKind.ETF_HOLDINGS, huge);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("FILE_TOO_LARGE");
            assertThat(f.message()).contains("200.0 MB").contains("max-file-size");
        });
        assertThat(fingerprint()).isEqualTo(before);
        Files.delete(huge);
    }

    @Test
    void aBadThemeRejectsTheThemesFile() {
        String before = fingerprint();
        Path themes = files.write("themes.csv", "theme,name,symbols\nai,AI,NVDA;<script>\n");
        LoadRunRecord run = loadFiles(RunKind.THEMES, themes);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("INVALID_SYMBOL");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(3);
        });
        assertThat(fingerprint()).isEqualTo(before);
    }
}
