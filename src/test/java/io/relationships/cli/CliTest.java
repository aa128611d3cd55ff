package io.relationships.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import io.relationships.graph.HeldSync;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.RunStatus;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against the running service, over HTTP only. */
@IntegrationTest
@RestoresSampleData
class CliTest {

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GraphSync sync;
    @Autowired
    LoadRunStore runs;

    final TestFiles files = TestFiles.create();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();


    int cli(String... args) {
        return answering(null, args);
    }

    /** The CLI with someone at the terminal who answers {@code answers} (null: nobody there, as in a script). */
    int answering(String answers, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = "http://localhost:" + port;
        all[2] = "--api-key";
        all[3] = IntegrationTest.ADMIN_KEY;
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(answers == null ? null : new BufferedReader(new StringReader(answers)), new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    long etfs(String... keys) {
        return jdbc.sql("select count(*) from definition_groups where type = 'ETF' and key = any(?)").param(keys).query(Long.class).single();
    }

    @Test
    void filesOfThisMachineAndArchivesAreUploadedDryRunFirstAndAppliedOnlyWhenConfirmed() throws IOException {
        files.write("laptop/CLA.csv", "# fund: CLA\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream archive = new ZipOutputStream(zip)) {
            archive.putNextEntry(new ZipEntry("CLB.csv"));
            archive.write("# fund: CLB\n# as_of: 2025-11-20\nsymbol,weight\nAAPL,100\n".getBytes(StandardCharsets.UTF_8));
        }
        files.write("laptop/week.zip", zip.toByteArray());
        String laptop = files.directory().resolve("laptop").toString();

        assertThat(answering("n\n", "load", "etf-holdings", "--dir", laptop)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("uploaded 2 file(s)").contains("DRY_RUN").contains("week.zip!/CLB.csv").contains("ETF       CLB")
                .contains("apply these changes (+2 -0 ~0)? [y/N]").contains("not applied");
        assertThat(etfs("CLA", "CLB")).as("declined: nothing applied").isZero();

        assertThat(cli("load", "etf-holdings", "--dir", laptop)).as("nobody to ask, no --yes").isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("add --yes");
        assertThat(etfs("CLA", "CLB")).isZero();

        out.getBuffer().setLength(0);
        assertThat(answering("y\n", "load", "etf-holdings", "--dir", laptop)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ETF_HOLDINGS INCREMENTAL  SUCCEEDED").contains("visible to every reader since");
        assertThat(etfs("CLA", "CLB")).isEqualTo(2);

        assertThat(cli("load", "etf-holdings", "--dir", laptop, "--server-dir", laptop)).isEqualTo(Cli.USAGE);
        assertThat(cli("load", "etf-holdings", "--dir", files.directory().resolve("nowhere").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("no folder").contains("on this machine");
    }

    @Test
    void loadAllShowsItsStepsInOrderAndStopsAtTheFirstThatFails() {
        files.write("all/holdings/XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,12.9\n");
        files.write("all/universes/dow30.csv", "symbol,name\nAAPL,Apple Inc.\nMSFT,Microsoft Corp.\n");
        String folder = files.directory().resolve("all").toString();

        assertThat(cli("load", "all", "--server-dir", folder, "--mode", "dry-run")).as(out + err.toString()).isZero();
        List<String> steps = out.toString().lines().filter(l -> l.startsWith("  step ")).map(l -> l.strip().split("\\s+")[2] + " " + l.strip().split("\\s+")[3]).toList();
        assertThat(steps).containsExactly("ETF_HOLDINGS SUCCEEDED", "UNIVERSES SUCCEEDED", "THEMES SKIPPED", "SECTORS SUCCEEDED");

        out.getBuffer().setLength(0);
        files.write("all/universes/dow30.csv", "symbol,weight\nAAPL,lots\n");
        assertThat(cli("load", "all", "--server-dir", folder, "--yes")).isEqualTo(Cli.RUN_FAILED);
        steps = out.toString().lines().filter(l -> l.startsWith("  step ")).map(l -> l.strip().split("\\s+")[2] + " " + l.strip().split("\\s+")[3]).toList();
        assertThat(steps).as("stopped at universes: themes and sectors never ran").containsExactly("ETF_HOLDINGS SUCCEEDED", "UNIVERSES FAILED");
        assertThat(out.toString()).contains("stopped at UNIVERSES").contains("dow30.csv:2:2").contains("not applied: the dry run rejected the files");
        assertThat(cli("load", "all", "--dir", folder)).as("load all reads the server's folders").isEqualTo(Cli.USAGE);
    }

    @Test
    void sectorsUnknownListsTheHeaviestFirstAndWritesTheTemplateHere() throws IOException {
        files.write("ZZS.csv", "# fund: ZZS\n# as_of: 2025-11-20\nsymbol,name,weight\nUNKQ,Unknown Q Corp,70\nUNKR,Unknown R Corp,30\n");
        assertThat(cli("load", "etf-holdings", "--dir", files.directory().toString(), "--yes")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        Path template = files.directory().resolve("todo.csv");

        assertThat(cli("sectors", "unknown", "--template", template.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("2 securities without a sector").containsPattern("UNKQ +Unknown Q Corp +70.00  ZZS 70.00\n")
                .contains("wrote " + template);
        assertThat(out.toString().indexOf("UNKQ")).as("heaviest first").isLessThan(out.toString().indexOf("UNKR"));
        assertThat(Files.readAllLines(template)).containsExactly("symbol,sector,industry,note",
                "UNKQ,,,\"Unknown Q Corp; held by ZZS 70.00%\"", "UNKR,,,\"Unknown R Corp; held by ZZS 30.00%\"");
    }

    @Test
    void withNoWaitALoadReturnsAtItsCommitAndWithoutItOnlyOnceEveryReaderSeesIt() throws Exception {
        String folder = files.directory().toString();
        try (HeldSync held = HeldSync.hold(sync)) {
            files.write("ZZW.csv", "# fund: ZZW\n# as_of: 2025-11-20\nsymbol,weight\nAAPL,60\nMSFT,40\n");
            assertThat(cli("load", "etf-holdings", "--dir", folder, "--yes", "--no-wait")).as(err.toString()).isZero();
            LoadRunRecord committed = latestRun();
            assertThat(committed.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(committed.visibleAt()).as("returned while the graph had not been synced").isNull();

            files.write("ZZW.csv", "# fund: ZZW\n# as_of: 2025-11-20\nsymbol,weight\nAAPL,55\nMSFT,45\n");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> cli("load", "etf-holdings", "--dir", folder, "--yes"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> latestRun().id() > committed.id()
                    && latestRun().status() == RunStatus.SUCCEEDED);
            Thread.sleep(1_000);
            assertThat(waiting).as("without --no-wait the CLI waits until readers see the run").isNotDone();

            held.close();
            sync.syncNow(false, "test");
            // it returns once the run is visible: not after its stream has timed out (30 s) and been followed again, as
            // when the first CLI's closed stream made the instance stop announcing visibility to every later follower
            assertThat(waiting.get(15, TimeUnit.SECONDS)).as(err.toString()).isZero();
            assertThat(latestRun().visibleAt()).isNotNull();
        }
    }

    LoadRunRecord latestRun() {
        long id = jdbc.sql("select max(id) from load_runs where kind = 'ETF_HOLDINGS'").query(Long.class).single();
        return runs.find(id).orElseThrow();
    }

    @Test
    void aDryRunShowsWhatWouldChangeAndExitsZero() {
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,12.9\n");
        int code = cli("load", "etf-holdings", "--mode", "dry-run", "--dir", files.directory().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ETF_HOLDINGS DRY_RUN  SUCCEEDED  (CLI").contains("would change:").contains("XLK")
                .contains("standard CSV");
    }

    @Test
    void aRejectedFileExitsOneWithTheLocatedError() {
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,twenty\n");
        int code = cli("load", "etf-holdings", "--dir", files.directory().toString());
        assertThat(code).isEqualTo(Cli.RUN_FAILED);
        assertThat(out.toString()).contains("FAILED").contains("XLK.csv:4:2: error: the weight of NVDA is not a number");
    }

    @Test
    void refusalsAndAnUnreachableServiceHaveTheirOwnExitCodes() {
        assertThat(cli("rollback", "999999")).isEqualTo(Cli.REFUSED);
        assertThat(err.toString()).contains("NOT_FOUND");
        assertThat(Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--url", "http://localhost:9", "status"))
                .isEqualTo(Cli.UNREACHABLE);
        assertThat(cli("load", "nonsense")).isEqualTo(2);
    }

    @Test
    void runsStatusAndCache() {
        assertThat(cli("runs", "--limit", "3")).isZero();
        assertThat(out.toString()).contains("kind").contains("SUCCEEDED");
        assertThat(cli("status")).isZero();
        assertThat(out.toString()).contains("catalog: 13 ETFs").contains("graph: ");
        assertThat(cli("cache", "refresh")).isZero();
        assertThat(out.toString()).contains("entries 0");
    }

    @Test
    void keysAreCreatedUsedAndRevokedFromTheCommandLine() {
        assertThat(cli("keys", "create", "nightly-loader", "--role", "operator")).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        String key = lines[lines.length - 1];
        assertThat(key).startsWith("rk_");
        assertThat(lines[0]).contains("nightly-loader").contains("OPERATOR").doesNotContain(key);
        String id = lines[0].strip().split("\\s+")[0];

        // the new key works for what an operator may do, and not for what only an admin may
        StringWriter ignored = new StringWriter();
        assertThat(Cli.run(new PrintWriter(ignored, true), new PrintWriter(err, true), "--url", "http://localhost:" + port,
                "--api-key", key, "cache", "refresh")).isZero();
        assertThat(Cli.run(new PrintWriter(ignored, true), new PrintWriter(err, true), "--url", "http://localhost:" + port,
                "--api-key", key, "keys", "list")).isEqualTo(Cli.REFUSED);
        assertThat(err.toString()).contains("FORBIDDEN");

        out.getBuffer().setLength(0);
        assertThat(cli("keys", "list")).isZero();
        assertThat(out.toString()).contains("nightly-loader").doesNotContain(key.substring(10));
        assertThat(cli("keys", "revoke", id)).isZero();
        assertThat(out.toString()).contains("REVOKED");
        assertThat(Cli.run(new PrintWriter(ignored, true), new PrintWriter(err, true), "--url", "http://localhost:" + port,
                "--api-key", key, "cache", "refresh")).isEqualTo(Cli.REFUSED);
        assertThat(err.toString()).contains("UNAUTHENTICATED");
    }
}
