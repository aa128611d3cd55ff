package io.relationships.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.support.TestLoads;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;
import io.relationships.support.GraphRows;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sync projects into Neo4j as the catalog changes, and the drift check that compares the two. A sync that
 * was not running, a Neo4j that was down, a restored catalog or a wiped graph are {@link GraphSyncRecoveryTest}'s.
 */
@IntegrationTest
@RestoresSampleData
class GraphSyncTest {

    @Autowired
    GraphSync sync;
    @Autowired
    DriftCheck drift;
    @Autowired
    LoadService loads;
    @Autowired
    Driver neo4j;

    final TestFiles files = TestFiles.create();
    GraphRows graph;

    @BeforeEach
    void graphInStep() {
        graph = new GraphRows(neo4j);
        sync.syncNow(false, "test");
    }

    LoadRunRecord loadFile(RunKind kind, Path file) {
        return TestLoads.succeeded(loads, kind, file);
    }

    @Test
    void theSampleCatalogIsProjectedAsTheDesignDescribesIt() {
        assertThat(graph.weight("XLK", "NVDA")).isEqualTo(14.6);
        assertThat(graph.value("MATCH (s:Stock {symbol: 'BRK.B'}) RETURN s.name").asString()).isEqualTo("Berkshire Hathaway Inc. Class B");
        assertThat(graph.count("MATCH (:Stock)-[:MEMBER_OF]->(u:Universe {key: 'dow30'}) RETURN count(*)")).isEqualTo(30);
        assertThat(graph.value("MATCH (:Stock {symbol: 'MARA'})-[:IN_THEME]->(t:Theme) RETURN t.key").asString()).isEqualTo("crypto_miners");
        Map<String, Object> xlk = graph.rows("MATCH (e:ETF {symbol: 'XLK'}) RETURN e.issuer AS i, e.asOf AS a, e.holdingsCount AS c", Map.of())
                .get(0).asMap();
        assertThat(xlk).containsEntry("i", "State Street Global Advisors").containsEntry("a", "2025-11-14").containsEntry("c", 10L);
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void aChangedWeightReachesTheGraphAndARemovedHoldingLeavesIt() {
        loadFile(RunKind.ETF_HOLDINGS, files.write("WGMI.csv", "# fund: WGMI\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nIREN,20\nMARA,9\n"));
        sync.syncNow(false, "test");
        assertThat(graph.weight("WGMI", "IREN")).isEqualTo(20.0);
        assertThat(graph.count("MATCH (:ETF {symbol: 'WGMI'})-[:HOLDS]->(s) RETURN count(s)")).isEqualTo(2);
        // BITF is no longer held by WGMI, its only ETF; it stays in the graph through its theme and sector
        assertThat(graph.rows("MATCH (s:Stock {symbol: 'BITF'})-[r]-() RETURN type(r) AS t", Map.of())).extracting(r -> r.get("t").asString())
                .contains("IN_THEME").doesNotContain("HOLDS");
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void aSecurityThatLosesItsLastMembershipLeavesTheGraphButAnEtfThatIsHeldIsBothNodes() {
        loadFile(RunKind.ETF_HOLDINGS, files.write("FOF.csv", "# fund: FOF\n# as_of: 2025-11-20\nsymbol,weight\nXLK,60\nZZQQ,40\n"));
        sync.syncNow(false, "test");
        List<String> labels = graph.value("MATCH (s:Security {symbol: 'XLK'}) RETURN labels(s)").asList(Value::asString);
        assertThat(labels).contains("ETF", "Stock", "Security");
        assertThat(graph.count("MATCH (n:Security {symbol: 'XLK'}) RETURN count(n)")).isOne();

        loadFile(RunKind.ETF_HOLDINGS, files.write("FOF.csv", "# fund: FOF\n# as_of: 2025-11-21\nsymbol,weight\nNVDA,100\n"));
        sync.syncNow(false, "test");
        assertThat(graph.count("MATCH (s:Security {symbol: 'ZZQQ'}) RETURN count(s)")).isZero();
        assertThat(graph.value("MATCH (s:Security {symbol: 'XLK'}) RETURN labels(s)").asList(Value::asString))
                .contains("ETF").doesNotContain("Stock");
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void afterLoadsRollbacksAndSyncsThereIsNoDrift() {
        LoadRunRecord one = loadFile(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\n"));
        loadFile(RunKind.THEMES, files.write("themes.csv", "theme,name,symbols\nspace,Space,RKLB;ASTS\n"));
        LoadRunRecord three = loadFile(RunKind.UNIVERSES, TestFiles.FIXTURES.resolve("formats/sp500.csv"));
        sync.syncNow(false, "test");
        assertThat(drift.check().differing()).isEmpty();

        loads.rollback(three.id(), false, Trigger.CLI, "test");
        loads.rollback(one.id(), false, Trigger.CLI, "test");
        sync.syncNow(false, "test");

        DriftReport report = drift.check();
        assertThat(report.differing()).isEmpty();
        assertThat(report.integrity()).isEqualTo(1.0);
        assertThat(graph.count("MATCH (u:Universe {key: 'sp500'}) RETURN count(u)")).isZero();
        assertThat(graph.weight("XLK", "NVDA")).isEqualTo(14.6);
    }

    @Test
    void driftIsFoundGroupByGroupAndRepairedExactly() {
        try (Session session = neo4j.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run("MATCH (:ETF {symbol: 'XLE'})-[h:HOLDS]->(:Stock {symbol: 'XOM'}) SET h.weight = 1.0").consume();
                tx.run("MATCH (:Stock {symbol: 'TSLA'})-[m:IN_THEME]->(:Theme {key: 'electric_vehicles'}) DELETE m").consume();
                tx.run("CREATE (:Universe {key: 'phantom', name: 'Only in Neo4j'})").consume();
            });
        }
        DriftReport report = drift.check();
        assertThat(report.differing()).extracting(d -> d.group().toString() + " " + d.reason()).containsExactlyInAnyOrder(
                "ETF:XLE weights or members differ", "THEME:electric_vehicles member counts differ", "UNIVERSE:phantom only in Neo4j");

        DriftReport repaired = drift.repair(report);

        assertThat(repaired.differing()).isEmpty();
        assertThat(graph.weight("XLE", "XOM")).isEqualTo(23.0);
    }

    @Test
    void projectingTheSameGroupTwiceGivesTheSameGraph() {
        var xlk = new GroupRef(GroupType.ETF, "XLK");
        sync.reproject(List.of(xlk));
        long relationships = graph.count("MATCH ()-[r]->() RETURN count(r)");
        long nodes = graph.count("MATCH (n) RETURN count(n)");
        sync.reproject(List.of(xlk));
        assertThat(graph.count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(relationships);
        assertThat(graph.count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
    }
}
