package io.relationships.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "runs", description = "Recent load runs, newest first.")
final class RunsCommand extends Cli.Base {
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
        return Cli.OK;
    }
}
