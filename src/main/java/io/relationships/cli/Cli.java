package io.relationships.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * The command-line client of the running service: every command is a GraphQL operation over HTTP, so a load
 * started here behaves (and shows progress) exactly like one started from GraphiQL or the admin page.
 * <p>
 * Exit codes scripts can rely on: 0 done, 1 the run failed (a validation gate, a sync error), 2 wrong usage,
 * 3 the service is unreachable, 4 the service refused (a load is running, a conflict, not found, not allowed).
 */
@Command(name = "relationships", mixinStandardHelpOptions = true, version = "relationships CLI 0.1",
        description = "Operate the relationship service: loads, rollbacks, graph sync, cache, quality, reports, API keys.",
        subcommands = {LoadCommand.class, SectorsCommand.class, Cli.Rollback.class, Cli.Runs.class, Cli.Run.class, Cli.Sync.class, Cli.Drift.class,
                Cli.Cache.class, Cli.Status.class, Cli.Quality.class, Cli.Report.class, Cli.Keys.class})
public final class Cli {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int REFUSED = 4;

    @Option(names = "--url", description = "the service (default: ${DEFAULT-VALUE}, or RELATIONSHIPS_URL)",
            defaultValue = "${env:RELATIONSHIPS_URL:-http://localhost:8080}", scope = CommandLine.ScopeType.INHERIT)
    String url;

    @Option(names = "--api-key", description = "an API key (or RELATIONSHIPS_API_KEY)", defaultValue = "${env:RELATIONSHIPS_API_KEY}",
            scope = CommandLine.ScopeType.INHERIT)
    String apiKey;

    /** Where the operator answers a question (a load's confirmation); null when nobody is there to ask. */
    BufferedReader in;

    public static void main(String[] args) {
        BufferedReader terminal = System.console() == null ? null : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(terminal, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with nobody to ask (as in a script), printing to {@code out} and {@code err}; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(null, out, err, args);
    }

    /** Runs a command line, reading answers from {@code in} (null: nobody to ask); returns the exit code. */
    static int run(BufferedReader in, PrintWriter out, PrintWriter err, String... args) {
        Cli cli = new Cli();
        cli.in = in;
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ServiceClient.Unreachable) {
                err.println("error: " + e.getMessage());
                return UNREACHABLE;
            }
            if (e instanceof ServiceClient.GraphQlError error) {
                err.println("error (" + error.code() + "): " + error.getMessage());
                return REFUSED;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.ParentCommand
        Object parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Cli root() {
            Object p = parent;
            while (!(p instanceof Cli)) {
                p = ((Base) p).parent;
            }
            return (Cli) p;
        }

        ServiceClient client() {
            return new ServiceClient(root().url, root().apiKey);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    static final String RUN_FIELDS = """
            id kind mode status phase trigger triggeredBy startedAt finishedAt visibleAt durationMillis error
            counts { added removed changed unchanged }
            files { path format status rows groupKey message }
            findings(first: 50) { file line column columnName severity code message }
            diff(first: 25) { groupType groupKey groupChange added removed reweighted { symbol oldWeight newWeight } otherChanges }
            steps { id kind status error counts { added removed changed unchanged } }
            report""";

    /**
     * Follows a run's progress to its last event ({@code visible}, {@code failed} or {@code done}); with
     * {@code untilCommitted}, stops once PostgreSQL committed it.
     */
    static void followProgress(ServiceClient client, long id, boolean untilCommitted, Consumer<JsonNode> onProgress) {
        boolean[] over = new boolean[1];
        // a stream cut short (a proxy's timeout, an instance that went away) is followed again: it starts with where the run stands
        for (int attempt = 1; !over[0]; attempt++) {
            try {
                client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase filesTotal filesDone rowsDone currentFile finished visibleAt } }",
                        Map.of("id", id), data -> {
                            JsonNode progress = data.path("loadProgress");
                            onProgress.accept(progress);
                            over[0] = progress.path("finished").asBoolean() || (untilCommitted && progress.path("phase").asString().equals("done"));
                            return !over[0];
                        });
                over[0] = true; // the service completed the stream
            } catch (ServiceClient.Unreachable cut) {
                if (attempt >= 5) {
                    throw cut;
                }
                sleep(Math.min(5_000, 500L * attempt));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "rollback", description = "Restore the catalog as it was before a run.")
    static final class Rollback extends Base {
        @Parameters(index = "0", description = "the run to roll back")
        long id;
        @Option(names = "--cascade", description = "also roll back later runs that changed the same groups")
        boolean cascade;
        @Option(names = "--no-wait", description = "return when PostgreSQL commits the rollback, without waiting until every reader sees it")
        boolean noWait;

        @Override
        public Integer call() {
            JsonNode run = client().execute("mutation($id: ID!, $cascade: Boolean) { rollbackLoad(id: $id, cascade: $cascade) { "
                    + RUN_FIELDS + " } }", Map.of("id", id, "cascade", cascade)).path("rollbackLoad");
            if (!noWait) {
                followProgress(client(), run.path("id").asLong(), false, progress -> {
                });
                run = client().execute("query($id: ID!) { loadRun(id: $id) { " + RUN_FIELDS + " } }",
                        Map.of("id", run.path("id").asLong())).path("loadRun");
            }
            Tables.printRun(out(), run);
            return OK;
        }
    }

    @Command(name = "runs", description = "Recent load runs, newest first.")
    static final class Runs extends Base {
        @Option(names = "--limit", defaultValue = "20")
        int limit;
        @Option(names = "--kind", description = "ETF_HOLDINGS, UNIVERSES, THEMES, SECTORS, ALL, ROLLBACK")
        String kind;
        @Option(names = "--status", description = "RUNNING, SUCCEEDED, FAILED, ROLLED_BACK, SKIPPED")
        String status;

        @Override
        public Integer call() {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("first", limit);
            variables.put("kind", kind == null ? null : kind.toUpperCase(Locale.ROOT));
            variables.put("status", status == null ? null : status.toUpperCase(Locale.ROOT));
            JsonNode runs = client().execute("""
                    query($first: Int, $kind: LoadKind, $status: RunStatus) { loadRuns(first: $first, kind: $kind, status: $status) {
                      totalCount edges { node { id kind mode status trigger startedAt durationMillis counts { added removed changed } error } } } }""",
                    variables).path("loadRuns");
            Tables.printRuns(out(), runs);
            return OK;
        }
    }

    @Command(name = "run", description = "One run: files, findings, diff.")
    static final class Run extends Base {
        @Parameters(index = "0")
        long id;

        @Override
        public Integer call() {
            JsonNode run = client().execute("query($id: ID!) { loadRun(id: $id) { " + RUN_FIELDS + " } }", Map.of("id", id)).path("loadRun");
            if (run.isNull() || run.isMissingNode()) {
                spec.commandLine().getErr().println("error (NOT_FOUND): no load run " + id);
                return REFUSED;
            }
            Tables.printRun(out(), run);
            return OK;
        }
    }

    @Command(name = "sync", description = "Project pending changes into Neo4j now (--full: rebuild the graph).")
    static final class Sync extends Base {
        @Option(names = "--full")
        boolean full;

        @Override
        public Integer call() {
            long id = client().execute("mutation($full: Boolean) { syncGraph(full: $full) { id } }", Map.of("full", full))
                    .path("syncGraph").path("id").asLong();
            JsonNode[] last = new JsonNode[1];
            client().subscribe("subscription($id: ID!) { syncProgress(runId: $id) { id status groupsTotal groupsDone error } }",
                    Map.of("id", id), data -> {
                        last[0] = data.path("syncProgress");
                        return true;
                    });
            JsonNode run = last[0];
            out().printf("sync %d: %s, %d of %d group(s)%s%n", id, run.path("status").asString(), run.path("groupsDone").asInt(),
                    run.path("groupsTotal").asInt(), run.path("error").isNull() ? "" : " — " + run.path("error").asString());
            return run.path("status").asString().equals("FAILED") ? RUN_FAILED : OK;
        }
    }

    @Command(name = "drift", description = "Compare PostgreSQL and Neo4j group by group (--repair: re-project what differs).")
    static final class Drift extends Base {
        @Option(names = "--repair")
        boolean repair;

        @Override
        public Integer call() {
            JsonNode report = client().execute("mutation($repair: Boolean) { checkDrift(repair: $repair) { groupsChecked integrity "
                    + "groups { groupType groupKey postgresMembers graphMembers reason } } }", Map.of("repair", repair)).path("checkDrift");
            out().printf("%d group(s) checked, integrity %.2f%%%n", report.path("groupsChecked").asLong(), report.path("integrity").asDouble() * 100);
            for (JsonNode group : report.path("groups")) {
                out().printf("  %s:%s  postgres %d, neo4j %d  %s%n", group.path("groupType").asString(), group.path("groupKey").asString(),
                        group.path("postgresMembers").asLong(), group.path("graphMembers").asLong(), group.path("reason").asString());
            }
            return report.path("groups").isEmpty() ? OK : RUN_FAILED;
        }
    }

    @Command(name = "cache", description = "Cache statistics, or refresh the cache.")
    static final class Cache extends Base {
        @Parameters(index = "0", description = "stats or refresh")
        String action;
        @Option(names = "--scope", defaultValue = "ALL", description = "ALL, STOCKS, ETFS, SECTORS, INDUSTRIES, THEMES, UNIVERSES")
        String scope;
        @Option(names = "--warm", description = "load everything again after evicting")
        boolean warm;

        @Override
        public Integer call() {
            String fields = "hitCount missCount hitRate evictionCount entries estimatedSizeBytes";
            JsonNode stats = action.equals("refresh")
                    ? client().execute("mutation($scope: CacheScope, $warm: Boolean) { refreshCache(scope: $scope, warm: $warm) { " + fields + " } }",
                    Map.of("scope", scope.toUpperCase(Locale.ROOT), "warm", warm)).path("refreshCache")
                    : client().execute("{ cacheStats { " + fields + " } }", Map.of()).path("cacheStats");
            out().printf("entries %d (≈%d KB), hits %d, misses %d, hit rate %.1f%%, evictions %d%n", stats.path("entries").asLong(),
                    stats.path("estimatedSizeBytes").asLong() / 1024, stats.path("hitCount").asLong(), stats.path("missCount").asLong(),
                    stats.path("hitRate").asDouble() * 100, stats.path("evictionCount").asLong());
            return OK;
        }
    }

    @Command(name = "status", description = "The catalog, the graph sync and the cache at a glance.")
    static final class Status extends Base {
        @Override
        public Integer call() {
            JsonNode data = client().execute("""
                    { stats { etfs universes themes sectors securities relationships { kind count } }
                      graphSync { phase lagChanges lagSeconds lastSyncedAt lastError degraded }
                      cacheStats { entries hitRate } }""", Map.of());
            JsonNode stats = data.path("stats");
            out().printf("catalog: %d ETFs, %d universes, %d themes, %d sectors, %d securities%n", stats.path("etfs").asInt(),
                    stats.path("universes").asInt(), stats.path("themes").asInt(), stats.path("sectors").asInt(), stats.path("securities").asInt());
            for (JsonNode kind : stats.path("relationships")) {
                out().printf("  %-12s %,d%n", kind.path("kind").asString(), kind.path("count").asLong());
            }
            JsonNode sync = data.path("graphSync");
            out().printf("graph: %s, %d change(s) behind (%d s), last synced %s%s%n", sync.path("phase").asString(),
                    sync.path("lagChanges").asLong(), sync.path("lagSeconds").asLong(), sync.path("lastSyncedAt").asString("never"),
                    sync.path("lastError").isNull() ? "" : ", last error: " + sync.path("lastError").asString());
            out().printf("cache: %d entries, hit rate %.1f%%%n", data.path("cacheStats").path("entries").asLong(),
                    data.path("cacheStats").path("hitRate").asDouble() * 100);
            return sync.path("degraded").asBoolean() ? RUN_FAILED : OK;
        }
    }

    @Command(name = "quality", description = "The quality checks now (--validate: compare with Neo4j too and record a snapshot); exits 1 on FAIL.")
    static final class Quality extends Base {
        @Option(names = "--validate", description = "run the checks with a graph comparison, record them and send alerts (OPERATOR)")
        boolean validate;

        @Override
        public Integer call() {
            String fields = "status generatedAt sectorCoverage { total unknown unknownShare } integrity { integrity driftGroups } "
                    + "checks { name category status message sample }";
            JsonNode quality = validate
                    ? client().execute("mutation { validateQuality { " + fields + " } }", Map.of()).path("validateQuality")
                    : client().execute("{ dataQuality { " + fields + " } }", Map.of()).path("dataQuality");
            out().printf("quality %s at %s: sector coverage %.2f%% (%d of %d unknown), integrity %.2f%%%n", quality.path("status").asString(),
                    quality.path("generatedAt").asString(), (1 - quality.path("sectorCoverage").path("unknownShare").asDouble()) * 100,
                    quality.path("sectorCoverage").path("unknown").asLong(), quality.path("sectorCoverage").path("total").asLong(),
                    quality.path("integrity").path("integrity").asDouble() * 100);
            for (JsonNode check : quality.path("checks")) {
                StringBuilder sample = new StringBuilder();
                check.path("sample").forEach(s -> sample.append(sample.isEmpty() ? "" : ", ").append(s.asString()));
                out().printf("  %-4s %-36s %s%s%n", check.path("status").asString(), check.path("name").asString(), check.path("message").asString(),
                        sample.isEmpty() || check.path("status").asString().equals("PASS") ? "" : " — e.g. " + sample);
            }
            return quality.path("status").asString().equals("FAIL") ? RUN_FAILED : OK;
        }
    }

    @Command(name = "report", description = "The relationship breakdown report: printed, or saved in the service's reports folder (--save).")
    static final class Report extends Base {
        @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or html (default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = "--detail", description = "add every ETF's holdings count and top 10, every sector's stocks, every failing check's rows")
        boolean detail;
        @Option(names = "--summary", description = "the summary view: totals, sector distribution, quality against targets (the default)")
        boolean summary;
        @Option(names = "--save", description = "write it as reports/relationship_breakdown_<UTC instant>.<ext> (OPERATOR) and print where")
        boolean save;

        @Override
        public Integer call() {
            Map<String, Object> variables = Map.of("format", format.toUpperCase(Locale.ROOT), "detail", detail);
            if (save) {
                JsonNode report = client().execute("mutation($format: ReportFormat, $detail: Boolean) { generateReport(format: $format, detail: $detail, save: true) "
                        + "{ fileName downloadUrl } }", variables).path("generateReport");
                out().println("saved " + report.path("fileName").asString() + " (" + root().url.replaceAll("/$", "") + report.path("downloadUrl").asString() + ")");
            } else {
                out().print(client().execute("query($format: ReportFormat, $detail: Boolean) { report(format: $format, detail: $detail) { content } }",
                        variables).path("report").path("content").asString());
                out().flush();
            }
            return OK;
        }
    }

    @Command(name = "keys", description = "API keys (ADMIN): list, create NAME --role ROLE, revoke ID.")
    static final class Keys extends Base {
        @Parameters(index = "0", description = "list, create or revoke")
        String action;
        @Parameters(index = "1", arity = "0..1", description = "create: the key's name; revoke: its id")
        String argument;
        @Option(names = "--role", defaultValue = "VIEWER", description = "VIEWER, OPERATOR or ADMIN (default: ${DEFAULT-VALUE})")
        String role;

        private static final String FIELDS = "id name role prefix createdAt createdBy lastUsedAt revokedAt";

        @Override
        public Integer call() {
            switch (action.toLowerCase(Locale.ROOT)) {
                case "list" -> {
                    for (JsonNode key : client().execute("{ apiKeys { " + FIELDS + " } }", Map.of()).path("apiKeys")) {
                        printKey(key);
                    }
                }
                case "create" -> {
                    JsonNode created = client().execute("mutation($name: String!, $role: ApiRole!) { createApiKey(name: $name, role: $role) { key apiKey { "
                            + FIELDS + " } } }", Map.of("name", required("a name"), "role", role.toUpperCase(Locale.ROOT))).path("createApiKey");
                    printKey(created.path("apiKey"));
                    // The key goes to standard output alone on its last line, so a script can capture it; it is shown only this once.
                    out().println(created.path("key").asString());
                }
                case "revoke" -> {
                    JsonNode revoked = client().execute("mutation($id: ID!) { revokeApiKey(id: $id) { " + FIELDS + " } }",
                            Map.of("id", required("the key's id"))).path("revokeApiKey");
                    printKey(revoked);
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action + "': list, create or revoke");
            }
            return OK;
        }

        private String required(String what) {
            if (argument == null || argument.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "keys " + action + " needs " + what);
            }
            return argument;
        }

        private void printKey(JsonNode key) {
            out().printf("%-4s %-24s %-8s %s…  created %s by %s%s%s%n", key.path("id").asString(), key.path("name").asString(),
                    key.path("role").asString(), key.path("prefix").asString(), key.path("createdAt").asString(), key.path("createdBy").asString("?"),
                    key.path("lastUsedAt").isNull() ? "" : ", last used " + key.path("lastUsedAt").asString(),
                    key.path("revokedAt").isNull() ? "" : ", REVOKED " + key.path("revokedAt").asString());
        }
    }
}
