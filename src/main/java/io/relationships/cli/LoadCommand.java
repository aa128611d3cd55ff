package io.relationships.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code load}: the operator's files go to the service from wherever the CLI runs. Files of this machine
 * ({@code --dir}, {@code --file}, {@code .zip} archives too) are uploaded; a folder that lives on the server is named
 * with {@code --server-dir}. Every load is a dry run first, shown with its diff and findings; its changes are applied
 * only when the operator confirms, or says so beforehand with {@code --yes} (scripts: without a terminal to ask at,
 * nothing is applied without it).
 */
@Command(name = "load", description = "Load files: etf-holdings, universes, themes, sectors or all. Files of this machine are uploaded; "
        + "a dry run shows what would change, then it is applied when you confirm (or with --yes).")
final class LoadCommand extends Cli.Base {

    @Parameters(index = "0", description = "etf-holdings, universes, themes, sectors or all")
    String kind;
    @Option(names = "--mode", description = "full, incremental or dry-run (default: incremental; sectors: full); dry-run stops after the dry run")
    String mode;
    @Option(names = "--dir", description = "a folder on this machine: its files and .zip archives are uploaded (sectors: and its screener/ folder)")
    Path directory;
    @Option(names = "--file", description = "a file on this machine (.zip too), optionally KEY=PATH (e.g. sp500=constituents.csv); repeatable")
    List<String> files = new ArrayList<>();
    @Option(names = "--server-dir", description = "a folder on the server instead, below its data directory or an allowed root "
            + "(default: the data directory's folder for the kind; for all: a folder with holdings/, universes/, themes/, sectors/)")
    String serverDirectory;
    @Option(names = "--symbols", split = ",", description = "etf-holdings only: just these ETFs")
    List<String> symbols;
    @Option(names = {"-y", "--yes"}, description = "apply the changes after the dry run without asking")
    boolean yes;
    @Option(names = "--no-wait", description = "return when PostgreSQL commits the run, without waiting until every reader sees it")
    boolean noWait;

    @Override
    public Integer call() {
        String mutation = switch (kind.toLowerCase(Locale.ROOT)) {
            case "etf-holdings", "holdings", "etfs" -> "loadEtfHoldings";
            case "universes" -> "loadUniverses";
            case "themes" -> "loadThemes";
            case "sectors" -> "enrichSectors";
            case "all" -> "loadAll";
            default -> throw usage("unknown kind '" + kind + "': etf-holdings, universes, themes, sectors or all");
        };
        boolean local = directory != null || !files.isEmpty();
        if (local && serverDirectory != null) {
            throw usage("files of this machine (--dir, --file) or a folder on the server (--server-dir), not both");
        }
        if (local && mutation.equals("loadAll")) {
            throw usage("load all reads a folder on the server (--server-dir); from this machine, load each kind from its folder");
        }
        Map<String, Object> target = new LinkedHashMap<>();
        if (local) {
            List<Map<String, String>> uploaded = upload(mutation.equals("enrichSectors"));
            if (uploaded.isEmpty()) {
                out().println("no files in " + directory + "; nothing to do");
                return Cli.OK;
            }
            target.put("files", uploaded);
        } else if (serverDirectory != null) {
            target.put("directory", serverDirectory);
        }
        if (mutation.equals("loadEtfHoldings") && symbols != null) {
            target.put("symbols", symbols);
        }
        String requested = mode == null ? null : mode.toUpperCase(Locale.ROOT).replace('-', '_');
        JsonNode dryRun = start(mutation, "DRY_RUN", target);
        if (dryRun.path("status").asString().equals("FAILED")) {
            if (!"DRY_RUN".equals(requested)) {
                out().println("\nnot applied: the dry run rejected the files");
            }
            return Cli.RUN_FAILED;
        }
        if ("DRY_RUN".equals(requested)) {
            return Cli.OK;
        }
        JsonNode counts = dryRun.path("counts");
        if (counts.path("added").asLong() + counts.path("removed").asLong() + counts.path("changed").asLong() == 0) {
            out().println("\nnothing to apply: the files change nothing");
            return Cli.OK;
        }
        if (!yes) {
            Boolean confirmed = confirm(dryRun);
            if (confirmed == null) {
                spec.commandLine().getErr().println("not applied: nobody to ask here (no terminal); add --yes to apply after the dry run");
                return Cli.USAGE;
            }
            if (!confirmed) {
                out().println("not applied");
                return Cli.OK;
            }
        }
        JsonNode applied = start(mutation, requested, target);
        return applied.path("status").asString().equals("FAILED") ? Cli.RUN_FAILED : Cli.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Uploads the files of this machine; the loads then name them by their upload ids. */
    private List<Map<String, String>> upload(boolean sectors) {
        List<LocalFiles.LocalFile> local = new ArrayList<>();
        try {
            if (directory != null) {
                local.addAll(LocalFiles.of(directory, sectors));
            }
            files.forEach(file -> local.add(LocalFiles.named(file)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        List<Map<String, String>> uploads = new ArrayList<>();
        long bytes = 0;
        for (LocalFiles.LocalFile file : local) {
            JsonNode upload = client().upload(file.path());
            Map<String, String> input = new LinkedHashMap<>();
            input.put("upload", upload.path("id").asString());
            if (file.key() != null) {
                input.put("key", file.key());
            }
            uploads.add(input);
            bytes += upload.path("bytes").asLong();
        }
        if (!uploads.isEmpty()) {
            out().printf("uploaded %d file(s), %,d bytes%s%n", uploads.size(), bytes, directory == null ? "" : ", from " + directory);
        }
        return uploads;
    }

    /** Starts the load, follows it to its end and prints it; returns the finished run. */
    private JsonNode start(String mutation, String runMode, Map<String, Object> target) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (runMode != null) {
            variables.put("mode", runMode);
        }
        variables.putAll(target);
        Map<String, String> types = Map.of("mode", "LoadMode", "directory", "String", "files", "[FileInput!]", "symbols", "[String!]");
        List<String> declarations = variables.keySet().stream().map(name -> "$" + name + ": " + types.get(name)).toList();
        List<String> arguments = variables.keySet().stream().map(name -> name + ": $" + name).toList();
        String document = "mutation" + (declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")") + " { " + mutation
                + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + " { id status } }";
        long id = client().execute(document, variables).path(mutation).path("id").asLong();
        out().println("run " + id + " started" + ("DRY_RUN".equals(runMode) ? " (dry run)" : ""));
        follow(id, noWait);
        JsonNode run = client().execute("query($id: ID!) { loadRun(id: $id) { " + Cli.RUN_FIELDS + " } }", Map.of("id", id)).path("loadRun");
        Tables.printRun(out(), run);
        return run;
    }

    /** Asks whether to apply what the dry run showed: true or false, or null when nobody is there to ask. */
    private Boolean confirm(JsonNode dryRun) {
        if (root().in == null) {
            return null;
        }
        JsonNode counts = dryRun.path("counts");
        out().printf("%napply these changes (+%d -%d ~%d)? [y/N] ", counts.path("added").asLong(), counts.path("removed").asLong(),
                counts.path("changed").asLong());
        out().flush();
        try {
            String answer = root().in.readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return null;
        }
    }

    /** A progress bar over the run's files while it runs, until every reader sees it (or, with --no-wait, it commits). */
    private void follow(long id, boolean untilCommitted) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("run " + id).setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(1).continuousUpdate().build()) {
            Cli.followProgress(client(), id, untilCommitted, progress -> {
                bar.maxHint(Math.max(1, progress.path("filesTotal").asLong()));
                bar.stepTo(progress.path("filesDone").asLong());
                bar.setExtraMessage(progress.path("phase").asString() + " " + progress.path("rowsDone").asLong() + " rows");
            });
        }
    }
}
