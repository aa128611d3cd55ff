package io.relationships.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.relationships.IntegrationTest;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against the running service, over HTTP only. */
@IntegrationTest
class CliTest {

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;

    final TestFiles files = TestFiles.create();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @AfterEach
    void restoreSample() {
        assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    int cli(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = "http://localhost:" + port;
        all[2] = "--api-key";
        all[3] = IntegrationTest.ADMIN_KEY;
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
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
