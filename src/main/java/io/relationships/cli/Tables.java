package io.relationships.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The CLI's summary tables. */
final class Tables {

    private Tables() {
    }

    static void printRun(PrintWriter out, JsonNode run) {
        JsonNode counts = run.path("counts");
        out.printf("%nrun %s  %s %s  %s  (%s, %s ms)%n", run.path("id").asString(), run.path("kind").asString(), run.path("mode").asString(),
                run.path("status").asString(), run.path("trigger").asString(), run.path("durationMillis").asString("-"));
        out.printf("  added %,d   removed %,d   changed %,d   unchanged %,d%n", counts.path("added").asLong(), counts.path("removed").asLong(),
                counts.path("changed").asLong(), counts.path("unchanged").asLong());
        if (!run.path("error").isNull() && !run.path("error").asString("").isEmpty()) {
            out.println("  error: " + run.path("error").asString());
        }
        if (!run.path("visibleAt").isMissingNode() && !run.path("visibleAt").isNull() && !"DRY_RUN".equals(run.path("mode").asString())) {
            out.println("  visible to every reader since " + run.path("visibleAt").asString());
        }
        if (!run.path("files").path("edges").isEmpty()) {
            out.printf("%n  %-44s %-16s %-10s %8s  %s%n", "file", "format", "status", "rows", "group");
            for (JsonNode file : nodes(run.path("files"))) {
                out.printf("  %-44s %-16s %-10s %8d  %s%s%n", shorten(file.path("path").asString(), 44), file.path("format").asString("-"),
                        file.path("status").asString(), file.path("rows").asInt(), file.path("groupKey").asString(""),
                        file.path("message").isNull() ? "" : "  " + file.path("message").asString());
            }
            more(out, run.path("files"), "file(s)");
        }
        for (JsonNode step : run.path("steps")) {
            out.printf("  step %s %-13s %-10s +%d -%d ~%d%s%n", step.path("id").asString(), step.path("kind").asString(), step.path("status").asString(),
                    step.path("counts").path("added").asLong(), step.path("counts").path("removed").asLong(), step.path("counts").path("changed").asLong(),
                    step.path("error").isNull() ? "" : "  " + step.path("error").asString());
        }
        if (!run.path("findings").path("edges").isEmpty()) {
            out.println();
            for (JsonNode finding : nodes(run.path("findings"))) {
                out.printf("  %s%s%s: %s: %s%n", finding.path("file").asString(""),
                        finding.path("line").isNull() ? "" : ":" + finding.path("line").asInt(),
                        finding.path("column").isNull() ? "" : ":" + finding.path("column").asInt(),
                        finding.path("severity").asString().toLowerCase(), finding.path("message").asString());
            }
            more(out, run.path("findings"), "finding(s)");
        }
        if (run.path("mode").asString().equals("DRY_RUN") && !run.path("diff").path("edges").isEmpty()) {
            out.printf("%n  would change:%n");
            int detailsOnly = 0;
            for (JsonNode group : nodes(run.path("diff"))) {
                if (membersUnchanged(group)) {
                    detailsOnly++;
                    continue;
                }
                out.printf("  %-9s %-24s %-8s +%d -%d ~%d%n", group.path("groupType").asString(), group.path("groupKey").asString(),
                        group.path("groupChange").asString(""), group.path("added").size(), group.path("removed").size(), group.path("reweighted").size());
            }
            if (detailsOnly > 0) {
                out.printf("  and %d group(s) whose members stay as they are (their file's name, date or checksum changes)%n", detailsOnly);
            }
            more(out, run.path("diff"), "group(s)");
        }
    }

    /** The nodes of a connection's page. */
    private static List<JsonNode> nodes(JsonNode connection) {
        List<JsonNode> nodes = new ArrayList<>();
        connection.path("edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    /** Says how many a connection holds beyond the page shown. */
    private static void more(PrintWriter out, JsonNode connection, String what) {
        int beyond = connection.path("totalCount").asInt() - connection.path("edges").size();
        if (beyond > 0) {
            out.printf("  … and %,d more %s (GraphQL: page on with `after`)%n", beyond, what);
        }
    }

    /** A group the run only re-describes (a new checksum, file name or as-of date): not worth a line of its own. */
    private static boolean membersUnchanged(JsonNode group) {
        return "UPDATED".equals(group.path("groupChange").asString("")) && group.path("added").isEmpty() && group.path("removed").isEmpty()
                && group.path("reweighted").isEmpty() && group.path("otherChanges").asInt() == 0;
    }

    static void printRuns(PrintWriter out, JsonNode runs) {
        out.printf("%6s  %-13s %-11s %-11s %-8s %-25s %9s  %s%n", "id", "kind", "mode", "status", "trigger", "started", "ms", "changes");
        for (JsonNode edge : runs.path("edges")) {
            JsonNode run = edge.path("node");
            JsonNode counts = run.path("counts");
            out.printf("%6s  %-13s %-11s %-11s %-8s %-25s %9s  +%d -%d ~%d%s%n", run.path("id").asString(), run.path("kind").asString(),
                    run.path("mode").asString(), run.path("status").asString(), run.path("trigger").asString(),
                    run.path("startedAt").asString(), run.path("durationMillis").asString("-"), counts.path("added").asLong(),
                    counts.path("removed").asLong(), counts.path("changed").asLong(),
                    run.path("error").isNull() ? "" : "  " + shorten(run.path("error").asString(), 60));
        }
        out.printf("(%d run(s) in all)%n", runs.path("totalCount").asInt());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }
}
