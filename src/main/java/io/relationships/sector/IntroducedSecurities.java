package io.relationships.sector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.ClassificationReads;
import io.relationships.catalog.CatalogStager;
import io.relationships.catalog.GroupRecord;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.StagedGroup;
import io.relationships.catalog.StagedMembership;
import io.relationships.load.Finding;
import io.relationships.load.RunContext;
import io.relationships.load.SecurityClassifier;
import io.relationships.sector.SectorDecider.Decision;
import org.springframework.stereotype.Component;

/**
 * The securities a holdings, universe or theme run introduces get their sector in the same run, from every source
 * at hand (the files' own sector column, curated overrides, screener exports, sector-fund holdings; not the HTTP
 * provider, which the monthly enrichment asks): the groups they join are staged whole, their current members as
 * they are plus the new ones. An input that cannot be read is a warning here (the load itself is fine); the
 * enrichment run reports it as an error. Securities the run leaves unlisted (no ETF, universe or theme holds them)
 * leave their sector and industry too, as they would at the next enrichment.
 */
@Component
class IntroducedSecurities implements SecurityClassifier {

    private final SectorDecider decider;
    private final SectorInputFiles inputFiles;
    private final CatalogQueries catalog;
    private final ClassificationReads classifications;

    IntroducedSecurities(SectorDecider decider, SectorInputFiles inputFiles, CatalogQueries catalog, ClassificationReads classifications) {
        this.decider = decider;
        this.inputFiles = inputFiles;
        this.catalog = catalog;
        this.classifications = classifications;
    }

    @Override
    public void classify(RunContext run, Set<String> introduced, Set<String> released, CatalogStager stager) {
        // funds that only appear as the ETF of a file are not classified, as in the enrichment
        Set<String> symbols = new LinkedHashSet<>();
        if (!introduced.isEmpty()) {
            classifications.classifiable(introduced).forEach(c -> symbols.add(c.symbol()));
        }
        Map<GroupRef, Map<String, Map<String, Object>>> added = new TreeMap<>(BY_KEY);
        Map<String, String> industryNames = new HashMap<>();
        Map<String, Integer> bySector = new TreeMap<>();
        if (!symbols.isEmpty()) {
            List<Finding> findings = new ArrayList<>();
            Map<String, Decision> decisions = decider.decide(symbols, inputFiles.defaults(), findings, Set.of("provider")).decisions();
            findings.forEach(f -> run.add(f.isError() ? new Finding(f.file(), f.line(), f.column(), f.columnName(), Finding.Severity.WARNING,
                    f.code(), f.message() + " (the new securities of this run were classified without it)") : f));
            decisions.forEach((symbol, decision) -> {
                added.computeIfAbsent(new GroupRef(GroupType.SECTOR, decision.sector()), k -> new TreeMap<>()).put(symbol, decision.provenance());
                bySector.merge(decision.sector(), 1, Integer::sum);
                if (decision.industry() != null) {
                    String key = Gics.industryKey(decision.industry());
                    industryNames.putIfAbsent(key, decision.industry());
                    added.computeIfAbsent(new GroupRef(GroupType.INDUSTRY, key), k -> new TreeMap<>()).put(symbol, decision.provenance());
                }
            });
            run.add(Finding.info(null, null, "CLASSIFIED_ON_LOAD", symbols.size() + " new securit" + (symbols.size() == 1 ? "y" : "ies")
                    + " classified in this run: " + bySector));
        }
        Set<GroupRef> affected = new TreeSet<>(BY_KEY);
        affected.addAll(added.keySet());
        if (!released.isEmpty()) {
            affected.addAll(catalog.groupsListing(released, Set.of(GroupType.SECTOR, GroupType.INDUSTRY)));
        }
        for (GroupRef group : affected) {
            String name = group.type() == GroupType.SECTOR ? Gics.SECTORS.get(group.key()) : industryNames.get(group.key());
            String description = group.type() == GroupType.SECTOR
                    ? group.key().equals(Gics.UNKNOWN) ? "Securities no source could classify yet" : "GICS sector" : null;
            stage(stager, group, name, description, added.getOrDefault(group, Map.of()), released);
        }
        if (!symbols.isEmpty()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("introduced", symbols.size());
            summary.put("bySector", bySector);
            summary.put("unknownSymbols", added.getOrDefault(new GroupRef(GroupType.SECTOR, Gics.UNKNOWN), Map.of()).keySet().stream()
                    .limit(100).toList());
            run.report(Map.of("classifiedOnLoad", summary));
        }
    }

    private static final Comparator<GroupRef> BY_KEY = Comparator.comparing(GroupRef::type).thenComparing(GroupRef::key);

    /**
     * The group as it is, with {@code added} among its members and {@code released} no longer (a group that does not
     * exist yet is created).
     */
    private void stage(CatalogStager stager, GroupRef ref, String name, String description, Map<String, Map<String, Object>> added,
                       Set<String> released) {
        Map<String, StagedMembership> members = new LinkedHashMap<>();
        catalog.memberships(ref).stream().filter(m -> !released.contains(m.symbol()))
                .forEach(m -> members.put(m.symbol(), new StagedMembership(m.symbol(), m.weight(), m.metadata())));
        added.forEach((symbol, provenance) -> members.put(symbol, new StagedMembership(symbol, null, provenance)));
        GroupRecord existing = catalog.group(ref.type(), ref.key()).orElse(null);
        if (members.isEmpty()) {
            if (existing != null) {
                stager.remove(ref);
            }
            return;
        }
        // an existing group keeps its row as it is: only its members change, so that runs classifying different stocks
        // into the same sector do not stand in each other's way when one of them is rolled back
        Map<String, Object> metadata = existing != null ? existing.metadata() : Map.of("rowCount", members.size());
        stager.group(new StagedGroup(ref.type(), ref.key(), existing != null ? existing.name() : name != null ? name : ref.key(),
                existing != null ? existing.description() : description, existing != null ? existing.source() : "sector enrichment",
                metadata), members.values());
    }
}
