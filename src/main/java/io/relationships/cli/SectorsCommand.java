package io.relationships.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code sectors unknown}: the data steward's worklist — every security no source could classify, heaviest first (by
 * the weight of the ETFs holding it), and with {@code --template} a {@code sector_classifications.csv} of them to fill
 * in on this machine and load with {@code load sectors}.
 */
@Command(name = "sectors", description = "The securities that still need a sector: sectors unknown [--template FILE].")
final class SectorsCommand extends Cli.Base {

    @Parameters(index = "0", description = "unknown")
    String action;
    @Option(names = "--limit", defaultValue = "50", description = "securities to list (default: ${DEFAULT-VALUE}; the template has them all)")
    int limit;
    @Option(names = "--template", description = "write a sector_classifications.csv with every unclassified security to this file, to fill in")
    Path template;

    @Override
    public Integer call() {
        if (!action.toLowerCase(Locale.ROOT).equals("unknown")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action + "': unknown");
        }
        JsonNode worklist = client().execute("query($first: Int) { sectorWorklist(first: $first) { totalCount "
                + "securities { symbol name totalWeight heldBy { etf weight } universes }"
                + (template != null ? " template" : "") + " } }", Map.of("first", limit)).path("sectorWorklist");
        int total = worklist.path("totalCount").asInt();
        out().printf("%d securit%s without a sector, heaviest first (the summed weight of the ETFs holding them)%n", total, total == 1 ? "y" : "ies");
        if (total > 0) {
            out().printf("%n%-8s %-32s %8s  %s%n", "symbol", "name", "weight %", "held by; listed in");
        }
        for (JsonNode security : worklist.path("securities")) {
            StringBuilder where = new StringBuilder();
            for (JsonNode holding : security.path("heldBy")) {
                where.append(where.isEmpty() ? "" : ", ").append(holding.path("etf").asString())
                        .append(holding.path("weight").isNull() ? "" : String.format(Locale.ROOT, " %.2f", holding.path("weight").asDouble()));
            }
            for (JsonNode universe : security.path("universes")) {
                where.append(where.isEmpty() ? "" : "; ").append(universe.asString());
            }
            out().printf(Locale.ROOT, "%-8s %-32s %8.2f  %s%n", security.path("symbol").asString(), cut(security.path("name").asString("")),
                    security.path("totalWeight").asDouble(), where);
        }
        if (total > worklist.path("securities").size()) {
            out().printf("… and %d more (--limit)%n", total - worklist.path("securities").size());
        }
        if (template != null) {
            try {
                Files.writeString(template, worklist.path("template").asString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + template, e);
            }
            out().printf("%nwrote %s: %d row(s) to fill in (sector, and industry where known); add them to sector_classifications.csv "
                    + "and load sectors%n", template, total);
        }
        return Cli.OK;
    }

    private static String cut(String name) {
        return name.length() <= 32 ? name : name.substring(0, 31) + "…";
    }
}
