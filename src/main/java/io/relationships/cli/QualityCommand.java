package io.relationships.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "quality", description = "The quality checks now (--validate: compare with Neo4j too and record a snapshot); exits 1 on FAIL.")
final class QualityCommand extends Cli.Base {
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
        return quality.path("status").asString().equals("FAIL") ? Cli.RUN_FAILED : Cli.OK;
    }
}
