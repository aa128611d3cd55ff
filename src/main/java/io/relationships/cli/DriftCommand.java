package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "drift", description = "Compare PostgreSQL and Neo4j group by group (--repair: re-project what differs).")
final class DriftCommand extends Cli.Base {
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
        return report.path("groups").isEmpty() ? Cli.OK : Cli.RUN_FAILED;
    }
}
