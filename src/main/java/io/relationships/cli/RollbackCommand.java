package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "rollback", description = "Restore the catalog as it was before a run.")
final class RollbackCommand extends Cli.Base {
    @Parameters(index = "0", description = "the run to roll back")
    long id;
    @Option(names = "--cascade", description = "also roll back later runs that changed the same groups")
    boolean cascade;
    @Option(names = "--no-wait", description = "return when PostgreSQL commits the rollback, without waiting until every reader sees it")
    boolean noWait;

    @Override
    public Integer call() {
        JsonNode run = client().execute("mutation($id: ID!, $cascade: Boolean) { rollbackLoad(id: $id, cascade: $cascade) { "
                + Cli.RUN_FIELDS + " } }", Map.of("id", id, "cascade", cascade)).path("rollbackLoad");
        if (!noWait) {
            Cli.followProgress(client(), run.path("id").asLong(), false, progress -> {
            });
            run = client().execute("query($id: ID!) { loadRun(id: $id) { " + Cli.RUN_FIELDS + " } }",
                    Map.of("id", run.path("id").asLong())).path("loadRun");
        }
        Tables.printRun(out(), run);
        return Cli.OK;
    }
}
