package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "sync", description = "Project pending changes into Neo4j now (--full: rebuild the graph).")
final class SyncCommand extends Cli.Base {
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
        return run.path("status").asString().equals("FAILED") ? Cli.RUN_FAILED : Cli.OK;
    }
}
