package io.relationships.cli;

import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "cache", description = "Cache statistics, or refresh the cache.")
final class CacheCommand extends Cli.Base {
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
        return Cli.OK;
    }
}
