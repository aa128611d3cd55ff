package io.relationships.quality;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.relationships.IntegrationTest;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.quality.QualityCheck.Status;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each check made to PASS, WARN and FAIL on crafted catalogs, snapshots and alerts (the report: {@link ReportTest}). */
@IntegrationTest
@RestoresSampleData
class QualityTest {

    @Autowired
    QualityService quality;
    @Autowired
    QualityMonitor monitor;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    Driver neo4j;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    QualityProperties properties;
    @Autowired
    ObjectProvider<JavaMailSender> mail;

    final TestFiles files = TestFiles.create();

    @BeforeEach
    void inStep() {
        sync.syncNow(false, "test");
    }


    QualityCheck check(DataQuality data, String name) {
        return data.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    LoadRunRecord load(RunKind kind, Path... paths) {
        LoadRunRecord run = loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(Arrays.stream(paths).map(p -> new LoadRequest.FileSpec(p, null)).toList()));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    @Test
    void theSampleCatalogPassesEveryCheckButIndustryCoverage() {
        DataQuality data = quality.evaluate(true);
        // the sample data names industries only for the hand-classified miners: the check says so, as it should
        assertThat(check(data, "industry_coverage").status()).isEqualTo(Status.WARN);
        // its holdings are as of 2025-11-14: stale once that is more than the threshold ago
        boolean stale = LocalDate.of(2025, 11, 14).isBefore(LocalDate.now().minusDays(properties.staleAfter().toDays()));
        assertThat(check(data, "etf_freshness").status()).isEqualTo(stale ? Status.WARN : Status.PASS);
        // member_count_drops depends on the history of loads, which this shared catalog has from other tests (tested below)
        assertThat(data.checks()).filteredOn(c -> !List.of("industry_coverage", "etf_freshness", "member_count_drops").contains(c.name()))
                .allSatisfy(c -> assertThat(c.status()).as(c.name() + ": " + c.message()).isIn(Status.PASS));
        assertThat(data.coverage().total()).isEqualTo(30);
        assertThat(data.integrity()).isEqualTo(1.0);
    }

    @Test
    void clientsReuseTheEvaluationUntilTheCatalogChanges() {
        monitor.awaitPendingSnapshots(); // the service's own background evaluations would replace it meanwhile
        DataQuality first = quality.current();
        assertThat(quality.current()).as("nothing changed").isSameAs(first);
        load(RunKind.THEMES, files.write("themes.csv", "theme,name,symbols\nspace,Space,RKLB\n"));
        DataQuality after = quality.current();
        assertThat(after).isNotSameAs(first);
        assertThat(after.totals().groups(GroupType.THEME))
                .isEqualTo(first.totals().groups(GroupType.THEME) + 1);
    }

    @Test
    void sectorCoverageWarnsAboveTheTargetAndFailsAboveTheLimit() {
        load(RunKind.UNIVERSES, files.write("dow30.csv", "symbol,name\n" + dowPlus(1)));
        assertThat(check(quality.evaluate(), "sector_coverage").status()).isEqualTo(Status.WARN); // 1 of 31
        load(RunKind.UNIVERSES, files.write("dow30.csv", "symbol,name\n" + dowPlus(6)));
        QualityCheck failing = check(quality.evaluate(), "sector_coverage");
        assertThat(failing.status()).isEqualTo(Status.FAIL); // 6 of 36
        assertThat(failing.value()).isCloseTo(6.0 / 36, Offset.offset(1e-9));
        assertThat(quality.coverage("dow30").unknown()).isEqualTo(6);
    }

    String dowPlus(int unknown) {
        StringBuilder csv = new StringBuilder();
        for (String symbol : List.of("AAPL", "AMGN", "AMZN", "AXP", "BA", "CAT", "CRM", "CSCO", "CVX", "DIS", "GS", "HD", "HON", "IBM", "JNJ",
                "JPM", "KO", "MCD", "MMM", "MRK", "MSFT", "NKE", "NVDA", "PG", "SHW", "TRV", "UNH", "V", "VZ", "WMT")) {
            csv.append(symbol).append(",x\n");
        }
        for (int i = 0; i < unknown; i++) {
            csv.append("ZQ").append((char) ('A' + i)).append(",Unclassified\n");
        }
        return csv.toString();
    }

    @Test
    void weightSumsOffByMoreThanTheToleranceWarn() {
        load(RunKind.ETF_HOLDINGS, files.write("ODD.csv", "# fund: ODD\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nAAPL,35\n"));
        QualityCheck sums = check(quality.evaluate(), "etf_weight_sums");
        assertThat(sums.status()).isEqualTo(Status.WARN);
        assertThat(sums.sample()).containsExactly("ODD 95.00%");
    }

    @Test
    void weightSumsFailWhenMoreThanAQuarterOfTheEtfsAreOff() {
        List<Path> odd = new ArrayList<>();
        for (String fund : List.of("ODA", "ODB", "ODC", "ODD", "ODE")) {
            odd.add(files.write(fund + ".csv", "# fund: " + fund + "\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nAAPL,30\n"));
        }
        load(RunKind.ETF_HOLDINGS, odd.toArray(Path[]::new));
        QualityCheck sums = check(quality.evaluate(), "etf_weight_sums");
        assertThat(sums.status()).as("5 of 18 ETFs").isEqualTo(Status.FAIL);
        assertThat(sums.value()).isEqualTo(5);
    }

    @Test
    void aSecuritySpelledTwoWaysWarnsUniqueness() {
        // BRKB beside BRK.B: what a manual insert (the loaders normalise both to BRK.B) would leave
        jdbc.sql("insert into securities (symbol, name) values ('BRKB', 'Berkshire, spelled another way')").update();
        jdbc.sql("insert into group_memberships (group_id, symbol) select id, 'BRKB' from definition_groups where type = 'THEME' order by key limit 1").update();
        try {
            QualityCheck symbols = check(quality.evaluate(), "one_canonical_symbol_per_security");
            assertThat(symbols.status()).isEqualTo(Status.WARN);
            assertThat(symbols.sample()).containsExactly("BRKB");
        } finally {
            jdbc.sql("delete from group_memberships where symbol = 'BRKB'").update();
            jdbc.sql("delete from securities where symbol = 'BRKB'").update();
        }
        assertThat(check(quality.evaluate(), "one_canonical_symbol_per_security").status()).isEqualTo(Status.PASS);
    }

    @Test
    void weightsOutOfBoundsAreRefusedByTheCatalogAndFailTheCheckWhereAConstraintWasDropped() {
        assertThatThrownBy(() -> jdbc.sql("update group_memberships set weight = 140 where symbol = 'NVDA'").update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // a database restored without its constraints, or changed by hand with them off: the check is the second line
        jdbc.sql("alter table group_memberships drop constraint group_memberships_weight").update();
        try {
            jdbc.sql("update group_memberships m set weight = 140 from definition_groups g where g.id = m.group_id and g.key = 'XLK' and m.symbol = 'NVDA'").update();
            QualityCheck bounds = check(quality.evaluate(), "weights_in_bounds");
            assertThat(bounds.status()).isEqualTo(Status.FAIL);
            assertThat(bounds.sample()).singleElement().asString().startsWith("XLK/NVDA 140");
        } finally {
            jdbc.sql("update group_memberships set weight = 14.6 where weight > 100").update();
            jdbc.sql("alter table group_memberships add constraint group_memberships_weight check (weight is null or (weight >= 0 and weight <= 100 and weight <> 'NaN'))").update();
        }
    }

    @Test
    void anEtfThatLostMostOfItsHoldingsInItsLastLoadFailsTheVolumeCheck() {
        load(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,15\nAAPL,13\nMSFT,12\nAVGO,5\nAMD,3\nORCL,3\n"));
        // other tests' loads share this catalog's history, so look at XLK's own line rather than the overall status
        QualityCheck warn = check(quality.evaluate(), "member_count_drops");
        assertThat(warn.status()).isIn(Status.WARN, Status.FAIL);
        assertThat(warn.sample()).anySatisfy(line -> assertThat(line).startsWith("ETF:XLK 10 → 6 (−40%"));
        load(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-21\n# holdings: top\nsymbol,weight\nNVDA,15\nAAPL,13\n"));
        QualityCheck fail = check(quality.evaluate(), "member_count_drops");
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.sample()).anySatisfy(line -> assertThat(line).startsWith("ETF:XLK 6 → 2 (−67%"));
    }

    @Test
    void emptyThemesStaleEtfsAndNamelessSecuritiesWarn() {
        load(RunKind.THEMES, files.write("themes.csv", "theme,name,symbols\nfuture,Future,\nspace,Space,ZZRK\n"));
        load(RunKind.ETF_HOLDINGS, files.write("OLD.csv", "# fund: OLD\n# as_of: 2020-01-31\nsymbol,weight\nNVDA,100\n"));
        DataQuality data = quality.evaluate();
        assertThat(check(data, "groups_with_members").status()).isEqualTo(Status.WARN);
        assertThat(check(data, "groups_with_members").sample()).contains("THEME:future");
        assertThat(check(data, "etf_freshness").status()).isEqualTo(Status.WARN);
        assertThat(check(data, "etf_freshness").sample()).contains("OLD as of 2020-01-31");
        assertThat(check(data, "securities_without_name").sample()).contains("ZZRK");
    }

    @Test
    void aMembershipWhoseSecurityVanishedFailsIntegrity() {
        var row = jdbc.sql("select name from securities where symbol = 'KO'").query(String.class).single();
        jdbc.sql("delete from securities where symbol = 'KO'").update(); // what only corruption could do
        try {
            QualityCheck orphans = check(quality.evaluate(), "memberships_of_known_securities");
            assertThat(orphans.status()).isEqualTo(Status.FAIL);
            assertThat(orphans.sample()).contains("DIA/KO", "XLP/KO");
        } finally {
            jdbc.sql("insert into securities (symbol, name) values ('KO', ?)").param(row).update();
        }
        assertThat(check(quality.evaluate(), "memberships_of_known_securities").status()).isEqualTo(Status.PASS);
    }

    @Test
    void graphDriftFailsReconciliationUntilRepaired() {
        try (var session = neo4j.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (:ETF {symbol: 'XLB'})-[h:HOLDS]->(:Stock {symbol: 'LIN'}) DELETE h").consume());
        }
        DataQuality data = quality.evaluate(true);
        assertThat(check(data, "graph_drift").status()).isEqualTo(Status.FAIL);
        assertThat(check(data, "graph_drift").sample()).containsExactly("ETF:XLB (member counts differ)");
        assertThat(data.integrity()).isLessThan(1.0);
        sync.syncNow(true, "test");
        assertThat(check(quality.evaluate(true), "graph_drift").status()).isEqualTo(Status.PASS);
    }

    @Test
    void anAlertFiresOnceOnARegressionAndNotAgainWhileItStands() {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
            QualityProperties withHook = new QualityProperties(properties.unknownSectorTarget(), properties.unknownSectorFail(),
                    properties.industryCoverageWarn(), properties.weightSumTolerance(), properties.staleAfter(), properties.volumeDropWarn(),
                    properties.volumeDropFail(), properties.schedule(), false, properties.reuseFor(), properties.reportRetention(),
                    properties.snapshotSettle(), properties.snapshotSpacing(),
                    new QualityProperties.Alerts(receiver.baseUrl() + "/hook", List.of(), "relationships@localhost"));
            Alerts alerts = new Alerts(jdbc, withHook, mail);
            QualitySnapshots history = new QualitySnapshots(jdbc);
            QualitySnapshot healthy = history.record("test", quality.evaluate());
            load(RunKind.UNIVERSES, files.write("dow30.csv", "symbol,name\n" + dowPlus(6)));
            // the service's own snapshots after that load and its sync raise the same alert through its own Alerts: let
            // them finish, then forget them, so that this Alerts (with the webhook) is the one that sees the regression first
            sync.syncNow(false, "test");
            monitor.awaitPendingSnapshots();
            jdbc.sql("update quality_alerts set resolved_at = now() where resolved_at is null").update();
            QualitySnapshot regressed = history.record("test", quality.evaluate());
            List<QualityAlert> first = alerts.raise(regressed, Optional.of(healthy));
            assertThat(first).extracting(QualityAlert::key).contains("check:sector_coverage", "unknown-sector-rose:6");
            receiver.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(containing("sector_coverage FAILS")));

            QualitySnapshot stillBad = history.record("test", quality.evaluate());
            assertThat(alerts.raise(stillBad, Optional.of(regressed))).as("a standing problem alerts once").isEmpty();
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(first.size());
        } finally {
            receiver.stop();
            jdbc.sql("update quality_alerts set resolved_at = now() where resolved_at is null").update();
        }
    }

    @Test
    void snapshotsMakeTheHistory() {
        int before = monitor.history(null, 1000).size();
        monitor.snapshot("test");
        List<QualitySnapshot> history = monitor.history(null, 1000);
        assertThat(history).hasSizeGreaterThan(before);
        assertThat(history.get(0).trigger()).isEqualTo("test");
        assertThat(history.get(0).number("unknownShare")).isEqualTo(0.0);
        assertThat(history.get(0).metrics()).containsKeys("checks", "bySector", "integrity");
    }
}
