package io.relationships.sector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.relationships.catalog.CatalogHistory;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import org.springframework.stereotype.Component;

/**
 * Everything a classification is decided from, as one digest: the curated and screener files' contents, the mapping
 * tables, the settings (precedence, sector funds, whether the provider is asked) and the catalog's position (every
 * membership change, rollback and securities update moves it). An incremental enrichment whose digest equals the one
 * the last applied enrichment recorded would decide exactly what that run decided, so it is skipped: an unchanged
 * weekly {@code loadAll} does not re-classify thousands of securities to change nothing.
 */
@Component
class EnrichmentInputs {

    /** The key under which a run's report keeps its digest. */
    static final String REPORT_KEY = "inputsDigest";

    private final MappingTables tables;
    private final SectorProperties properties;
    private final CatalogHistory history;
    private final LoadRunStore runs;

    EnrichmentInputs(MappingTables tables, SectorProperties properties, CatalogHistory history, LoadRunStore runs) {
        this.tables = tables;
        this.properties = properties;
        this.history = history;
        this.runs = runs;
    }

    /** The digest of what a classification of the catalog as it stands now, from these files, would read. */
    String digest(SectorInputs inputs) {
        MessageDigest digest = sha256();
        List<Path> files = new ArrayList<>(inputs.curatedFiles());
        files.addAll(inputs.screenerFiles());
        for (Path file : files) {
            update(digest, file.getFileName().toString());
            try {
                digest.update(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        tables.contents().forEach(digest::update);
        update(digest, String.valueOf(properties.precedence()));
        update(digest, String.valueOf(new TreeMap<>(properties.sectorFunds())));
        update(digest, String.valueOf(properties.provider().enabled()));
        update(digest, history.position());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The last applied enrichment, if it recorded this digest and the catalog has not moved since. */
    Optional<LoadRunRecord> sameAsLastApplied(String digest) {
        return runs.lastApplied(RunKind.SECTORS)
                .filter(run -> run.report() != null && digest.equals(run.report().get(REPORT_KEY)));
    }

    /**
     * The digest to record on a run that just applied: its own changes moved the catalog's position, and the next
     * run must compare against the catalog as this run left it.
     */
    String afterApplying(SectorInputs inputs) {
        return digest(inputs);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
