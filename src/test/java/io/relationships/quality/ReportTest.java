package io.relationships.quality;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.quality.RelationshipBreakdown.EtfHoldings;
import io.relationships.quality.RelationshipBreakdown.Holding;
import io.relationships.quality.RelationshipBreakdown.Relationships;
import io.relationships.quality.RelationshipBreakdown.SectorCount;
import io.relationships.quality.RelationshipBreakdown.SectorDistribution;
import io.relationships.quality.RelationshipBreakdown.SectorMembers;
import io.relationships.quality.RelationshipBreakdown.Summary;
import io.relationships.quality.RelationshipBreakdown.TrendPoint;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The relationship breakdown report: its figures against SQL on the sample data, every format, escaping, saved files. */
@IntegrationTest
class ReportTest {

    /** Everything that could take a report apart: HTML, a table cell's end, code, emphasis, a link, a line break. */
    static final String HOSTILE = "<script>alert('x')</script> | `rm -rf /` *bold* _it_ [a](javascript:alert(1))\nnext";
    static final Pattern SAVED_NAME = Pattern.compile("relationship_breakdown_(\\d{4}-\\d{2}-\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z(-\\d+)?\\.html");

    @Autowired
    ReportService reports;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    JdbcClient jdbc;

    final TestFiles files = TestFiles.create();
    boolean changedTheCatalog;

    @AfterEach
    void restoreSample() {
        if (changedTheCatalog) {
            assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
            sync.syncNow(false, "test");
        }
    }

    long sql(String query) {
        return jdbc.sql(query).query(Long.class).single();
    }

    void load(RunKind kind, Path file) {
        changedTheCatalog = true;
        LoadRunRecord run = loads.run(LoadRequest.of(kind, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(new LoadRequest.FileSpec(file, null))));
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void theRecordHoldsTheSampleCatalogsFiguresAsSqlCountsThem() {
        RelationshipBreakdown report = reports.breakdown(true);

        Summary summary = report.summary();
        assertThat(summary.etfs()).isEqualTo(13).isEqualTo(sql("select count(*) from definition_groups where type = 'ETF'"));
        assertThat(summary.sectors()).isEqualTo(11).isEqualTo(sql("select count(*) from definition_groups where type = 'SECTOR'"));
        assertThat(summary.stocks()).as("held or listed, ETFs left out").isEqualTo(122).isEqualTo(sql("""
                select count(distinct m.symbol) from group_memberships m
                join definition_groups g on g.id = m.group_id join securities s on s.symbol = m.symbol
                where g.type in ('ETF', 'UNIVERSE') and s.asset_type <> 'ETF'"""));
        Relationships relationships = summary.relationships();
        assertThat(relationships.total()).as("memberships of every kind").isEqualTo(350).isEqualTo(sql("select count(*) from group_memberships"));
        assertThat(relationships.etfHoldsStock()).isEqualTo(150)
                .isEqualTo(sql("select count(*) from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'ETF'"));
        assertThat(relationships.total()).isEqualTo(relationships.etfHoldsStock() + relationships.stockInSector() + relationships.stockInIndustry()
                + relationships.stockInTheme() + relationships.stockInUniverse());

        SectorDistribution distribution = report.sectorDistribution();
        assertThat(distribution.universeMembers()).isEqualTo(30).isEqualTo(sql("""
                select count(distinct m.symbol) from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'UNIVERSE'"""));
        assertThat(distribution.bySector()).first().isEqualTo(new SectorCount("information_technology", 6));
        assertThat(distribution.bySector()).extracting(SectorCount::members).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(distribution.bySector().stream().mapToLong(SectorCount::members).sum()).isEqualTo(distribution.universeMembers());

        EtfHoldings xlk = report.etfs().stream().filter(e -> e.symbol().equals("XLK")).findFirst().orElseThrow();
        assertThat(xlk.holdings()).isEqualTo(10);
        assertThat(xlk.top10()).first().isEqualTo(new Holding("NVDA", new BigDecimal("14.6")));
        assertThat(xlk.top10().get(0).symbol()).isEqualTo(jdbc.sql("""
                select m.symbol from group_memberships m join definition_groups g on g.id = m.group_id
                where g.type = 'ETF' and g.key = 'XLK' order by m.weight desc limit 1""").query(String.class).single());
        assertThat(report.sectors()).filteredOn(s -> s.sector().equals("financials")).singleElement().extracting(SectorMembers::symbols)
                .isEqualTo(jdbc.sql("""
                        select m.symbol from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = 'SECTOR' and g.key = 'financials' order by m.symbol""").query(String.class).list());
        assertThat(reports.breakdown(false).etfs()).as("no detail asked").isNull();
    }

    @Test
    void stocksLeaveOutSecuritiesNeitherHeldNorListedAndEtfsHeldByEtfs() {
        Summary before = reports.breakdown(false).summary();
        long securitiesBefore = sql("select count(*) from securities");
        // a fund of funds (XLK is an ETF) and a theme of a stock that no ETF holds and no universe lists
        load(RunKind.ETF_HOLDINGS, files.write("FOFR.csv", "# fund: FOFR\n# name: Fund of funds\n# as_of: 2025-11-20\nsymbol,name,weight\nXLK,Tech fund,60\nNVDA,NVIDIA,40\n"));
        load(RunKind.THEMES, files.write("themes.csv", "theme,name,symbols\norbit,Orbit,ZZTHM\n"));

        Summary after = reports.breakdown(false).summary();
        assertThat(sql("select count(*) from securities")).as("FOFR and ZZTHM are securities now").isEqualTo(securitiesBefore + 2);
        assertThat(after.stocks()).as("but neither is a held or listed stock, nor is XLK").isEqualTo(before.stocks());
        assertThat(after.etfs()).isEqualTo(before.etfs() + 1);
        assertThat(after.relationships().total()).as("FOFR's two holdings, the theme's member (and any classification)")
                .isGreaterThanOrEqualTo(before.relationships().total() + 3).isEqualTo(sql("select count(*) from group_memberships"));
        assertThat(reports.render(reports.breakdown(false), ReportService.Format.MARKDOWN))
                .contains("| Stocks held by an ETF or listed in a universe (ETFs not counted) | " + before.stocks() + " |")
                .contains("| Total relationships (memberships of every kind) | " + after.relationships().total() + " |");
    }

    @Test
    void everyFormatFromOneRecordWithALoadedHostileNameEscaped() {
        load(RunKind.ETF_HOLDINGS, files.write("EVIL.csv", "# fund: EVIL\n# name: <script>alert('x')</script> | `Fund` *1*\n# as_of: 2025-11-20\n"
                + "symbol,name,weight\nNVDA,<b>bold</b>,100\n"));

        JsonNode json = JsonMapper.builder().build().readTree(reports.generate(true, ReportService.Format.JSON, false).content());
        assertThat(json.path("summary").path("etfs").asInt()).isEqualTo(14);
        assertThat(json.path("summary").path("relationships").path("total").asLong()).isPositive();
        assertThat(json.path("checks").isArray()).isTrue();
        assertThat(json.path("etfs").findValues("symbol")).extracting(JsonNode::asString).contains("EVIL", "XLK");
        assertThat(json.path("etfs").get(0).has("top10")).isTrue();

        String markdown = reports.generate(true, ReportService.Format.MARKDOWN, false).content();
        assertThat(markdown).contains("## SUMMARY", "## SECTOR DISTRIBUTION", "## DATA QUALITY METRICS", "## ETFS", "## SECTORS", "## FAILING ROWS", "✅")
                .contains("### EVIL — &lt;script&gt;alert('x')&lt;/script&gt; \\| \\`Fund\\` \\*1\\* (1 holdings)").doesNotContain("<");

        ReportService.Report html = reports.generate(true, ReportService.Format.HTML, false);
        assertThat(html.content()).contains("<svg").contains("<h3>EVIL — &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | &#x60;Fund&#x60; *1* (1 holdings)</h3>")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");

        String text = reports.generate(false, ReportService.Format.TEXT, false).content();
        assertThat(text).contains("SUMMARY", "SECTOR DISTRIBUTION", "DATA QUALITY METRICS", "Total relationships").doesNotContain("ETFS\n");
    }

    @Test
    void hostileTextInEveryFieldStaysTextInHtmlAndMarkdown() {
        RelationshipBreakdown hostile = hostileReport();

        String markdown = reports.render(hostile, ReportService.Format.MARKDOWN);
        String escaped = "&lt;script&gt;alert('x')&lt;/script&gt; \\| \\`rm -rf /\\` \\*bold\\* \\_it\\_ \\[a\\](javascript:alert(1)) next";
        assertThat(markdown).doesNotContain("<").contains("### " + escaped + " — " + escaped + " (1 holdings)")
                .contains("- **" + escaped + "**: " + escaped);
        assertThat(tables(markdown)).as("tables in the Markdown").hasSize(4).allSatisfy(rows ->
                assertThat(rows).extracting(ReportTest::cells).as(String.join("\n", rows)).containsOnly(cells(rows.get(1))));

        String html = reports.render(hostile, ReportService.Format.HTML);
        assertThat(html).doesNotContain("<script").doesNotContain("href")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | &#x60;rm -rf /&#x60; *bold* _it_ [a](javascript:alert(1))\nnext");

        JsonNode json = JsonMapper.builder().build().readTree(reports.render(hostile, ReportService.Format.JSON));
        assertThat(json.path("etfs").get(0).path("name").asString()).as("JSON keeps the text as it is").isEqualTo(HOSTILE);
    }

    @Test
    void aReportWithoutHistorySaysSoWhereTheTrendChartWouldBe() {
        RelationshipBreakdown hostile = hostileReport();
        RelationshipBreakdown young = new RelationshipBreakdown(hostile.generatedAt(), hostile.checksEvaluatedAt(), hostile.summary(),
                hostile.sectorDistribution(), hostile.status(), hostile.checks(), hostile.trend().subList(0, 1), null, null);
        assertThat(reports.render(young, ReportService.Format.HTML)).contains("Not enough history yet").contains("Sector distribution\"")
                .doesNotContain("Sector coverage over time").doesNotContain("<h2>ETFs</h2>");
        assertThat(reports.render(hostile, ReportService.Format.HTML)).contains("Sector coverage over time").doesNotContain("Not enough history yet");
    }

    @Test
    void aSavedReportIsNamedToTheSecondItWasMadeAndCanBeFoundAgain() {
        Instant before = Instant.now().minusSeconds(1);
        ReportService.Report saved = reports.generate(false, ReportService.Format.HTML, true);
        Instant after = Instant.now().plusSeconds(1);

        Matcher name = SAVED_NAME.matcher(saved.fileName());
        assertThat(name.matches()).as(saved.fileName()).isTrue();
        Instant named = Instant.parse(name.group(1) + "T" + name.group(2) + ":" + name.group(3) + ":" + name.group(4) + "Z");
        assertThat(named).isBetween(before, after);
        assertThat(saved.saved()).isTrue();
        assertThat(reports.saved(saved.fileName())).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(saved.content()));
        assertThat(reports.saved("../../etc/passwd")).isEmpty();
    }

    static RelationshipBreakdown hostileReport() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        QualityCheck check = new QualityCheck(HOSTILE, HOSTILE, QualityCheck.Status.FAIL, 1, HOSTILE, List.of(HOSTILE), HOSTILE);
        return new RelationshipBreakdown(now, now, new Summary(1, 1, 1, 0, 0, 1, new Relationships(2, 1, 1, 0, 0, 0)),
                new SectorDistribution(1, 0, 0, 0.02, List.of(new SectorCount(HOSTILE, 1)), List.of(new SectorCount(HOSTILE, 1))),
                QualityCheck.Status.FAIL, List.of(check), List.of(new TrendPoint(now, 0.0, 1.0), new TrendPoint(now, 0.5, null)),
                List.of(new EtfHoldings(HOSTILE, HOSTILE, 1, List.of(new Holding(HOSTILE, BigDecimal.TEN)))),
                List.of(new SectorMembers(HOSTILE, List.of(HOSTILE))));
    }

    /** The Markdown tables: runs of lines that start with a pipe. */
    static List<List<String>> tables(String markdown) {
        List<List<String>> tables = new ArrayList<>();
        List<String> table = new ArrayList<>();
        for (String line : (markdown + "\n").split("\n")) {
            if (line.startsWith("|")) {
                table.add(line);
            } else if (!table.isEmpty()) {
                tables.add(table);
                table = new ArrayList<>();
            }
        }
        return tables;
    }

    /** How many cells a table row has: the pipes that are not escaped, less one. */
    static long cells(String row) {
        return Pattern.compile("(?<!\\\\)\\|").matcher(row).results().count() - 1;
    }
}
