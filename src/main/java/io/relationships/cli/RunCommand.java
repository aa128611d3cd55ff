package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "run", description = "One run: files, findings, diff.")
final class RunCommand extends Cli.Base {
    @Parameters(index = "0")
    long id;

    @Override
    public Integer call() {
        JsonNode run = client().execute("query($id: ID!) { loadRun(id: $id) { " + Cli.RUN_FIELDS + " } }", Map.of("id", id)).path("loadRun");
        if (run.isNull() || run.isMissingNode()) {
            spec.commandLine().getErr().println("error (NOT_FOUND): no load run " + id);
            return Cli.REFUSED;
        }
        Tables.printRun(out(), run);
        return Cli.OK;
    }
}
