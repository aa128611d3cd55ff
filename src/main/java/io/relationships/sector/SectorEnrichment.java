package io.relationships.sector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.ClassificationReads;
import io.relationships.catalog.CatalogStager;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.RunCounts;
import io.relationships.catalog.StagedGroup;
import io.relationships.catalog.StagedMembership;
import io.relationships.catalog.UpdatePlan;
import io.relationships.catalog.UpdateResult;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadStep;
import io.relationships.load.RunContext;
import io.relationships.load.RunKind;
import io.relationships.load.RunRejected;
import io.relationships.sector.SectorDecider.Decision;
import org.springframework.stereotype.Component;

/**
 * The sector enrichment run: every held, listed or themed security gets a GICS sector (or {@code unknown}) and,
 * where a source knows it, an industry, stored as memberships of SECTOR and INDUSTRY groups with their source and
 * confidence. Sources apply in the configured precedence; the run reports coverage before and after, per source,
 * and the symbols still unknown. A stock that changes sector shows in the change log (removed from the old
 * group with its old source, added to the new one with the new source) and as a finding.
 */
@Component
class SectorEnrichment implements LoadStep {

    private static final int MAX_LISTED = 500;

    private final SectorDecider decider;
    private final CatalogQueries catalog;
    private final ClassificationReads classifications;
    private final CatalogWriter writer;
    private final SectorInputFiles inputFiles;
    private final EnrichmentInputs digests;

    SectorEnrichment(SectorDecider decider, CatalogQueries catalog, ClassificationReads classifications, CatalogWriter writer,
                     SectorInputFiles inputFiles, EnrichmentInputs digests) {
        this.decider = decider;
        this.catalog = catalog;
        this.classifications = classifications;
        this.writer = writer;
        this.inputFiles = inputFiles;
        this.digests = digests;
    }

    @Override
    public RunKind kind() {
        return RunKind.SECTORS;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String folder() {
        return "sectors";
    }

    @Override
    public void check(LoadRequest request) {
        inputFiles.check(request);
    }

    @Override
    public UpdateResult execute(RunContext run) {
        SectorInputs inputs = inputFiles.of(run.request());
        if (run.mode() == LoadMode.INCREMENTAL) {
            String digest = digests.digest(inputs);
            Optional<LoadRunRecord> same = digests.sameAsLastApplied(digest);
            if (same.isPresent()) {
                return unchangedSince(run, same.get(), digest);
            }
        }
        run.phase("classifying");
        Set<String> symbols = new LinkedHashSet<>();
        classifications.classifiable().forEach(c -> symbols.add(c.symbol()));
        Map<String, ClassificationReads.Classification> before = classifications.classifications(GroupType.SECTOR);

        List<Finding> findings = new ArrayList<>();
        SectorDecider.Outcome outcome;
        try {
            outcome = decider.decide(symbols, inputs, findings, Set.of());
        } catch (ProviderSource.Failed e) {
            run.addAll(findings);
            throw new RunRejected("the sector provider failed, nothing was changed: " + e.getMessage());
        }
        findings.addAll(inputs.refusals());
        run.addAll(findings);
        inputs.curatedFiles().forEach(file -> run.add(outcome(inputFiles.label(file), file, "curated sectors CSV", findings)));
        inputs.screenerFiles().forEach(file -> run.add(outcome(inputFiles.label(file), file, "screener export", findings)));
        inputs.refusals().forEach(refusal -> run.add(new FileOutcome(refusal.file(), "zip archive",
                FileOutcome.Status.REJECTED, null, null, null, null, 0, refusal.toString())));
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new RunRejected("sector sources could not be read, nothing was written: "
                    + findings.stream().filter(Finding::isError).limit(3).map(Finding::toString).toList());
        }

        Map<String, Decision> decisions = outcome.decisions();
        Map<String, Map<String, Evidence>> bySource = outcome.bySource();
        List<String> changes = new ArrayList<>();
        decisions.forEach((symbol, decision) -> {
            ClassificationReads.Classification previous = before.get(symbol);
            if (previous != null && !previous.key().equals(decision.sector())) {
                changes.add(symbol + ": " + previous.key() + " (" + previous.metadata().get("source") + ") → " + decision.sector()
                        + " (" + (decision.evidence() == null ? "no source" : decision.evidence().source()) + ")");
            }
        });
        changes.stream().limit(200).forEach(change -> run.add(Finding.info(null, null, "SECTOR_CHANGED", change)));

        run.phase(run.mode() == LoadMode.DRY_RUN ? "diffing" : "applying");
        UpdatePlan plan = new UpdatePlan(run.runId(), Set.of(GroupType.SECTOR, GroupType.INDUSTRY), run.mode() != LoadMode.DRY_RUN);
        UpdateResult result = writer.update(plan, stager -> stage(stager, decisions));
        Map<String, Object> report = report(symbols, before, decisions, bySource, changes);
        if (run.mode() != LoadMode.DRY_RUN) {
            report.put(EnrichmentInputs.REPORT_KEY, digests.digest(inputs));
        }
        run.report(report);
        return result;
    }

    /**
     * Nothing the classification reads has changed since an applied enrichment: deciding again would change
     * nothing, so the run says so and keeps that run's figures (a FULL run classifies anyway).
     */
    private UpdateResult unchangedSince(RunContext run, LoadRunRecord previous, String digest) {
        run.add(Finding.info(null, null, "INPUTS_UNCHANGED", "the sector files, mapping tables, settings and catalog are as run "
                + previous.id() + " left them; nothing to re-classify (a FULL run classifies anyway)"));
        Map<String, Object> report = new LinkedHashMap<>(previous.report());
        report.put("before", previous.report().get("after"));
        report.put("sectorChanges", 0);
        report.put("unchangedSince", previous.id());
        report.put(EnrichmentInputs.REPORT_KEY, digest);
        run.report(report);
        long classified = classifications.classified(GroupType.SECTOR);
        return new UpdateResult(new RunCounts(0, 0, 0, classified), 0, 0, 0, List.of(), null);
    }

    private void stage(CatalogStager stager, Map<String, Decision> decisions) {
        Map<String, List<StagedMembership>> sectors = new TreeMap<>();
        Map<String, List<StagedMembership>> industries = new TreeMap<>();
        Map<String, String> industryNames = new HashMap<>();
        decisions.forEach((symbol, decision) -> {
            Map<String, Object> metadata = decision.provenance();
            sectors.computeIfAbsent(decision.sector(), k -> new ArrayList<>()).add(new StagedMembership(symbol, null, metadata));
            if (decision.industry() != null) {
                String key = Gics.industryKey(decision.industry());
                industryNames.putIfAbsent(key, decision.industry());
                industries.computeIfAbsent(key, k -> new ArrayList<>()).add(new StagedMembership(symbol, null, metadata));
            }
        });
        sectors.forEach((key, members) -> stager.group(new StagedGroup(GroupType.SECTOR, key, Gics.SECTORS.get(key),
                key.equals(Gics.UNKNOWN) ? "Securities no source could classify yet" : "GICS sector", "sector enrichment",
                Map.of("rowCount", members.size())), members));
        industries.forEach((key, members) -> stager.group(new StagedGroup(GroupType.INDUSTRY, key, industryNames.get(key), null,
                "sector enrichment", Map.of("rowCount", members.size())), members));
    }

    private Map<String, Object> report(Set<String> symbols, Map<String, ClassificationReads.Classification> before,
                                       Map<String, Decision> decisions, Map<String, Map<String, Evidence>> bySource, List<String> changes) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> beforeCoverage = coverage(symbols, s -> before.containsKey(s) ? before.get(s).key() : Gics.UNKNOWN,
                s -> before.containsKey(s) ? String.valueOf(before.get(s).metadata().getOrDefault("source", "none")) : "none");
        Map<String, Object> afterCoverage = coverage(symbols, s -> decisions.get(s).sector(),
                s -> decisions.get(s).evidence() == null ? "none" : decisions.get(s).evidence().source());
        report.put("before", beforeCoverage);
        report.put("after", afterCoverage);
        Map<String, Object> evidence = new LinkedHashMap<>();
        bySource.forEach((source, found) -> evidence.put(source, found.size()));
        report.put("evidenceBySource", evidence);
        Map<String, Object> universes = new LinkedHashMap<>();
        for (String universe : catalog.groupKeys(GroupType.UNIVERSE)) {
            Set<String> members = catalog.members(new GroupRef(GroupType.UNIVERSE, universe)).keySet();
            long unknown = members.stream().filter(s -> !decisions.containsKey(s) || decisions.get(s).sector().equals(Gics.UNKNOWN)).count();
            universes.put(universe, Map.of("total", members.size(), "unknown", unknown,
                    "unknownShare", members.isEmpty() ? 0.0 : round((double) unknown / members.size())));
        }
        report.put("universes", universes);
        List<String> stillUnknown = decisions.entrySet().stream().filter(e -> e.getValue().sector().equals(Gics.UNKNOWN))
                .map(Map.Entry::getKey).toList();
        report.put("unknownCount", stillUnknown.size());
        report.put("unknownSymbols", stillUnknown.stream().limit(MAX_LISTED).toList());
        report.put("sectorChanges", changes.size());
        return report;
    }

    private static Map<String, Object> coverage(Set<String> symbols, Function<String, String> sector,
                                                Function<String, String> source) {
        long unknown = symbols.stream().filter(s -> sector.apply(s).equals(Gics.UNKNOWN)).count();
        Map<String, Long> bySource = new TreeMap<>();
        symbols.forEach(s -> bySource.merge(source.apply(s), 1L, Long::sum));
        Map<String, Long> bySector = new TreeMap<>();
        symbols.forEach(s -> bySector.merge(sector.apply(s), 1L, Long::sum));
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("total", symbols.size());
        coverage.put("unknown", unknown);
        coverage.put("unknownShare", symbols.isEmpty() ? 0.0 : round((double) unknown / symbols.size()));
        coverage.put("bySource", bySource);
        coverage.put("bySector", bySector);
        return coverage;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A sector input file as the run records it: rejected with its first error, or read. */
    private static FileOutcome outcome(String label, Path file, String format, List<Finding> findings) {
        String name = file.getFileName().toString();
        Optional<Finding> error = findings.stream().filter(Finding::isError).filter(f -> f.file() != null && f.file().endsWith(name)).findFirst();
        return new FileOutcome(label, format, error.isPresent()
                ? FileOutcome.Status.REJECTED : FileOutcome.Status.LOADED,
                null, null, null, null, 0, error.map(Finding::toString).orElse(null));
    }
}
