package io.relationships.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
        subcommands = {LoadCommand.class, SectorsCommand.class, RollbackCommand.class, RunsCommand.class, RunCommand.class, SyncCommand.class, DriftCommand.class,
                CacheCommand.class, StatusCommand.class, QualityCommand.class, ReportCommand.class, KeysCommand.class})
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
            files(first: 200) { totalCount edges { node { path format status rows groupKey message } } }
            findings(first: 50) { totalCount edges { node { file line column columnName severity code message } } }
            diff(first: 100, symbolsPerList: 25) { totalCount edges { node { groupType groupKey groupChange added removed
              reweighted { symbol oldWeight newWeight } otherChanges } } }
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

}
