package io.relationships.sector;

import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

import io.relationships.catalog.UnclassifiedSecurities;
import io.relationships.catalog.UnclassifiedSecurities.Scope;
import io.relationships.catalog.UnclassifiedSecurities.Unclassified;
import io.relationships.catalog.UnclassifiedSecurities.Worklist;
import org.springframework.stereotype.Service;

/**
 * What still needs a data steward: the securities no source could classify, heaviest first, and the curated file's
 * template with a row for each ({@code symbol,sector,industry,note}, sector and industry left blank to fill in). A row
 * left blank loads as "not yet", so the steward may classify a few and load the file as it is.
 */
@Service
public class SectorWorklist {

    /** Where a template row's note stops listing ETFs. */
    private static final int ETFS_IN_NOTE = 5;

    private final UnclassifiedSecurities unclassified;

    SectorWorklist(UnclassifiedSecurities unclassified) {
        this.unclassified = unclassified;
    }

    /** The {@code first} heaviest of what the enrichment classifies, and how many there are. */
    public Worklist heaviest(int first) {
        return unclassified.heaviest(Scope.CLASSIFIABLE, first);
    }

    /** {@code sector_classifications.csv} with every unclassified security, heaviest first. */
    public String template() {
        List<Unclassified> all = unclassified.heaviest(Scope.CLASSIFIABLE, Integer.MAX_VALUE).securities();
        StringBuilder csv = new StringBuilder(CuratedSource.HEADER).append('\n');
        for (Unclassified security : all) {
            csv.append(security.symbol()).append(",,,").append(quoted(note(security))).append('\n');
        }
        return csv.toString();
    }

    /** Who the security is and why it matters: its name, the ETFs holding it and their weights. */
    static String note(Unclassified security) {
        String held = security.heldBy().stream().limit(ETFS_IN_NOTE)
                .map(h -> h.etf() + (h.weight() == null ? "" : " " + h.weight().setScale(2, RoundingMode.HALF_UP).toPlainString() + "%"))
                .collect(Collectors.joining(", "));
        String more = security.heldBy().size() > ETFS_IN_NOTE ? " and " + (security.heldBy().size() - ETFS_IN_NOTE) + " more" : "";
        return (security.name() == null ? "" : security.name() + "; ")
                + (held.isEmpty() ? "held by no ETF" : "held by " + held + more)
                + (security.universes().isEmpty() ? "" : "; in " + String.join(", ", security.universes()));
    }

    /**
     * A CSV cell in quotes; one that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @})
     * starts with an apostrophe instead.
     */
    private static String quoted(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
