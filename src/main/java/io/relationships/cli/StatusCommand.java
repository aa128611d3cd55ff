package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

@Command(name = "status", description = "The catalog, the graph sync and the cache at a glance.")
final class StatusCommand extends Cli.Base {
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
        return sync.path("degraded").asBoolean() ? Cli.RUN_FAILED : Cli.OK;
    }
}
