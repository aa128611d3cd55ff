package io.relationships.sector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.relationships.IntegrationTest;
import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.ClassificationReads;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.RunCounts;
import io.relationships.load.DataDirectory;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.RunContexts;
import io.relationships.load.RunKind;
import io.relationships.load.RunRejected;
import io.relationships.load.RunStatus;
import io.relationships.load.SourceFiles;
import io.relationships.load.Trigger;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which sector a stock is given, and from which source: issuer files, sector funds, screener exports, curated
 * overrides, a provider, in their configured precedence, whether the enrichment runs on its own, within a holdings
 * load or as a step of a full reload. One class, though over 300 lines: every test asks that same question of a run
 * through the same helpers ({@link #sectorOf}, {@link #sourceOf}), and the tests of when it runs check what it decides.
 */
@IntegrationTest
@RestoresSampleData
class SectorEnrichmentTest {

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    ClassificationReads classifications;
    @Autowired
    CatalogWriter writer;
    @Autowired
    DataDirectory dataDirectory;
    @Autowired
    SourceFiles sourceFiles;
    @Autowired
    List<SectorSource> sources;
    @Autowired
    MappingTables tables;
    @Autowired
    SectorProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CatalogHistory history;

    final TestFiles files = TestFiles.create();


    String sectorOf(String symbol) {
        return classifications.classifications(GroupType.SECTOR).get(symbol).key();
    }

    Object sourceOf(String symbol) {
        return classifications.classifications(GroupType.SECTOR).get(symbol).metadata().get("source");
    }

    LoadRunRecord enrich(LoadRequest request) {
        LoadRunRecord run = loads.run(request);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    static String readSample(String file) {
        try {
            return Files.readString(Path.of("data", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadRunRecord loadHoldings(Path... paths) {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(Arrays.stream(paths).map(p -> new LoadRequest.FileSpec(p, null)).toList()));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    @Test
    void theSampleIsFullyClassifiedWithProvenance() {
        LoadRunRecord run = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) run.report().get("after");
        assertThat(((Number) after.get("unknown")).longValue()).isZero();
        assertThat(sectorOf("AAPL")).isEqualTo("information_technology");
        assertThat(sourceOf("AAPL")).isEqualTo("issuer");
        assertThat(sectorOf("MARA")).isEqualTo("information_technology");
        assertThat(sourceOf("MARA")).isEqualTo("curated");
        assertThat(sectorOf("BRK.B")).isEqualTo("financials");
        assertThat(sectorOf("GOOGL")).isEqualTo("communication_services");
        assertThat(catalog.group(GroupType.SECTOR, "information_technology").orElseThrow().name()).isEqualTo("Information Technology");
    }

    @Test
    void anIncrementalEnrichmentWithNothingNewIsSkippedAndAnyChangeToItsInputsRunsItAgain() {
        LoadRunRecord full = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));
        assertThat(full.report()).containsKey(EnrichmentInputs.REPORT_KEY).doesNotContainKey("unchangedSince");

        LoadRunRecord again = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.INCREMENTAL, Trigger.CLI, "test"));
        assertThat(((Number) again.report().get("unchangedSince")).longValue()).isEqualTo(full.id());
        assertThat(again.report()).containsEntry("after", full.report().get("after"));
        assertThat(again.counts().unchanged()).isEqualTo(classifications.classifications(GroupType.SECTOR).size()).isPositive();
        assertThat(runs.findings(again.id(), 10)).extracting(Finding::code).contains("INPUTS_UNCHANGED");

        // a weight changes in one fund: the catalog moved, so the next enrichment decides again (and changes nothing)
        loadHoldings(files.write("XLB.csv", readSample("holdings/XLB.csv").replace("LIN,\"Linde plc\",16.0,", "LIN,\"Linde plc\",16.5,")));
        LoadRunRecord afterLoad = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.INCREMENTAL, Trigger.CLI, "test"));
        assertThat(afterLoad.report()).doesNotContainKey("unchangedSince");
        assertThat(afterLoad.counts().added() + afterLoad.counts().removed()).isZero();

        // the same catalog with another curated file: decided again, and the override applies
        Path curated = files.write("sector_classifications.csv", "symbol,sector,industry,note\nAAPL,Communication Services,,test override\n");
        LoadRunRecord withOverride = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(curated, "curated"))));
        assertThat(withOverride.report()).doesNotContainKey("unchangedSince");
        assertThat(sectorOf("AAPL")).isEqualTo("communication_services");

        // a dry run and a FULL run always classify
        assertThat(enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.DRY_RUN, Trigger.CLI, "test")).report()).doesNotContainKey("unchangedSince");
    }

    @Test
    void aCuratedOverrideWinsAndTheChangeIsLoggedWithOldAndNewSource() {
        Path curated = files.write("sector_classifications.csv", "symbol,sector,industry,note\nAAPL,Communication Services,,test override\n");
        LoadRunRecord run = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(curated, "curated"),
                        new LoadRequest.FileSpec(dataDirectory.resolve("sectors/sector_classifications.csv"), "curated"))));

        assertThat(sectorOf("AAPL")).isEqualTo("communication_services");
        assertThat(sourceOf("AAPL")).isEqualTo("curated");
        var log = jdbc.sql("""
                        select group_key, change, old_metadata ->> 'source', new_metadata ->> 'source' from membership_changes
                        where load_run_id = ? and symbol = 'AAPL' and group_type = 'SECTOR' order by change""")
                .param(run.id()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + "→" + rs.getString(4)).list();
        assertThat(log).containsExactly("communication_services ADDED null→curated", "information_technology REMOVED issuer→null");
        assertThat(runs.findings(run.id(), 100)).extracting(Finding::message)
                .anyMatch(m -> m.contains("AAPL: information_technology (issuer) → communication_services (curated)"));
        assertThat(run.report()).containsEntry("sectorChanges", 1);
    }

    @Test
    void sectorFundsClassifyWhatIssuerFilesDoNotAndTheLargestWeightSettlesAConflict() {
        loadHoldings(
                files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nZZAA,5\n"),
                files.write("XLC.csv", "# fund: XLC\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nMETA,20\nZZAA,1\nZZBB,3\n"));
        LoadRunRecord run = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));

        assertThat(sectorOf("ZZAA")).isEqualTo("information_technology");
        assertThat(sourceOf("ZZAA")).isEqualTo("sector_etf");
        assertThat(sectorOf("ZZBB")).isEqualTo("communication_services");
        assertThat(runs.findings(run.id(), 100)).filteredOn(f -> f.code().equals("SECTOR_FUNDS_DISAGREE")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ZZAA").contains("XLK 5%").contains("XLC 1%"));
    }

    @Test
    void screenerExportsFillInAndUnclassifiableStocksAreListed() {
        loadHoldings(files.write("MIX.csv", "# fund: MIX\n# as_of: 2025-11-20\nsymbol,weight\nZZCC,50\nZZDD,50\n"));
        Path screener = files.write("screener.json", "[{\"symbol\": \"ZZCC\", \"sector\": \"Finance\", \"industry\": \"Major Banks\"}]");
        LoadRunRecord run = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(screener, "screener"),
                        new LoadRequest.FileSpec(dataDirectory.resolve("sectors/sector_classifications.csv"), "curated"))));

        assertThat(sectorOf("ZZCC")).isEqualTo("financials");
        assertThat(sourceOf("ZZCC")).isEqualTo("screener");
        assertThat(sectorOf("ZZDD")).isEqualTo("unknown");
        assertThat(run.report()).containsEntry("unknownCount", 1).containsEntry("unknownSymbols", List.of("ZZDD"));
        assertThat(catalog.members(new GroupRef(GroupType.SECTOR, "unknown"))).containsOnlyKeys("ZZDD");
    }

    @Test
    void screenerAndCuratedCsvsAreReadLikeHoldingsFilesQuotedCommasAndWindows1252Included() {
        loadHoldings(files.write("MIX.csv", "# fund: MIX\n# as_of: 2025-11-20\nsymbol,weight\nZZCC,50\nZZDD,50\n"));
        // a quoted name with commas: split by hand, it shifted 'Finance' out of the sector column
        Path screener = files.write("screener.csv", "Symbol,Name,Sector,Industry\n"
                + "ZZCC,\"Acme Holdings, Inc., Class A\",Finance,Major Banks\n");
        // a curated file saved by a spreadsheet program: Windows-1252, a quoted note with a comma
        Path curated = files.write("curated.csv", "symbol,sector,industry,note\nZZDD,Energy,,\"checked by Zoë, 2025\"\n",
                Charset.forName("windows-1252"));
        LoadRunRecord run = enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(screener, "screener"), new LoadRequest.FileSpec(curated, "curated"))));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sectorOf("ZZCC")).isEqualTo("financials");
        assertThat(sectorOf("ZZDD")).isEqualTo("energy");
        assertThat(classifications.classifications(GroupType.SECTOR).get("ZZDD").metadata().get("detail").toString())
                .contains("checked by Zoë, 2025");
        assertThat(runs.findings(run.id(), 100)).anyMatch(f -> f.code().equals("NOT_UTF8") && f.file().equals("curated.csv"));
    }

    @Test
    void aHoldingsLoadClassifiesTheSecuritiesItIntroducesInTheSameRun() {
        Map<String, ClassificationReads.Classification> before = classifications.classifications(GroupType.SECTOR);
        // ZZEE: the file's own sector column; ZZGG: held by the sector fund XLE in the same run; ZZFF: nothing knows it
        LoadRunRecord run = loadHoldings(files.write("NEWF.csv", "# fund: NEWF\n# as_of: 2025-11-20\nsymbol,name,sector,weight\n"
                        + "ZZEE,Zed Energy,Energy,40\nZZFF,Unknown Co,,30\nMSFT,Microsoft,Information Technology,30\n"),
                files.write("XLE.csv", readSample("holdings/XLE.csv") + "ZZGG,\"Gee Co\",0.01,\n"));

        assertThat(sectorOf("ZZEE")).isEqualTo("energy");
        assertThat(sourceOf("ZZEE")).isEqualTo("issuer");
        assertThat(sectorOf("ZZGG")).isEqualTo("energy");
        assertThat(sourceOf("ZZGG")).isEqualTo("sector_etf");
        assertThat(sectorOf("ZZFF")).isEqualTo("unknown");
        // securities the catalog knew keep their classification untouched
        assertThat(classifications.classifications(GroupType.SECTOR).get("MSFT")).isEqualTo(before.get("MSFT"));
        assertThat(run.report()).containsKey("classifiedOnLoad");
        assertThat(runs.findings(run.id(), 100)).anyMatch(f -> f.code().equals("CLASSIFIED_ON_LOAD") && f.message().startsWith("3 new"));
        assertThat(run.counts().added()).as("the run's counts are its holdings").isEqualTo(4);

        // one run: rolling it back takes the classifications with it
        loads.rollback(run.id(), false, Trigger.CLI, "test");
        assertThat(classifications.classifications(GroupType.SECTOR)).doesNotContainKeys("ZZEE", "ZZFF", "ZZGG").isEqualTo(before);
    }

    @Test
    void loadAllOverADirectoryOfOnlyHoldingsFilesSucceedsAndClassifies() {
        Path directory = files.directory().resolve("only-holdings");
        files.write("only-holdings/holdings/NEWG.csv", "# fund: NEWG\n# as_of: 2025-11-20\nsymbol,name,sector,weight\nZZHH,Aitch,Utilities,100\n");
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ALL, LoadMode.INCREMENTAL, Trigger.CLI, "test").withDirectory(directory));

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.children(run.id())).extracting(LoadRunRecord::kind, LoadRunRecord::status).containsExactly(
                Tuple.tuple(RunKind.ETF_HOLDINGS, RunStatus.SUCCEEDED),
                Tuple.tuple(RunKind.UNIVERSES, RunStatus.SKIPPED),
                Tuple.tuple(RunKind.THEMES, RunStatus.SKIPPED),
                Tuple.tuple(RunKind.SECTORS, RunStatus.SUCCEEDED));
        assertThat(sectorOf("ZZHH")).isEqualTo("utilities");
    }

    @Test
    void theOrderOfPrecedenceIsConfiguration() {
        // AAPL: the issuer files say information technology; a communication fund that holds it at 50% says otherwise
        loadHoldings(files.write("XLC.csv", "# fund: XLC\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nAAPL,50\n"));
        SectorEnrichment fundsFirst = enrichment(List.of("curated", "sector_etf", "issuer", "screener", "provider"), properties.provider());
        var context = RunContexts.create(runs, RunKind.SECTORS, LoadMode.FULL, LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));
        fundsFirst.execute(context);
        runs.succeed(context.runId(), RunCounts.NONE, null);

        assertThat(sectorOf("AAPL")).isEqualTo("communication_services");
        assertThat(sourceOf("AAPL")).isEqualTo("sector_etf");

        enrich(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));
        assertThat(sectorOf("AAPL")).as("the default precedence puts issuer files first").isEqualTo("information_technology");
    }

    @Test
    void aFailingProviderLeavesEveryClassificationAsItWas() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            server.stubFor(get(urlPathMatching("/v3/reference/tickers/.*")).willReturn(aResponse().withStatus(503)));
            loadHoldings(files.write("MIX.csv", "# fund: MIX\n# as_of: 2025-11-20\nsymbol,weight\nZZEE,100\n"));
            String before = CatalogFingerprint.of(jdbc);
            var provider = new SectorProperties.Provider(true, server.baseUrl(), "key", 600, 2, Duration.ofMillis(10), Duration.ofSeconds(1), 10);
            SectorEnrichment withProvider = enrichment(properties.precedence(), provider);
            var context = RunContexts.create(runs, RunKind.SECTORS, LoadMode.FULL, LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test"));

            assertThatThrownBy(() -> withProvider.execute(context)).isInstanceOf(RunRejected.class)
                    .hasMessageContaining("sector provider failed").hasMessageContaining("HTTP 503");
            runs.fail(context.runId(), "test");
            assertThat(CatalogFingerprint.of(jdbc)).isEqualTo(before);
        } finally {
            server.stop();
        }
    }

    /** An enrichment like the application's, with another precedence or provider. */
    SectorEnrichment enrichment(List<String> precedence, SectorProperties.Provider provider) {
        SectorProperties custom = new SectorProperties(precedence, properties.sectorFunds(), provider);
        List<SectorSource> withProvider = sources.stream()
                .map(s -> s.name().equals("provider") ? new ProviderSource(new PolygonTickerDetails(custom), tables, custom) : s)
                .toList();
        return new SectorEnrichment(new SectorDecider(withProvider, custom), catalog, classifications, writer, new SectorInputFiles(dataDirectory, sourceFiles),
                new EnrichmentInputs(tables, custom, history, runs));
    }
}
