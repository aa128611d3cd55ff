package io.relationships.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The relationship breakdown report as one value: what the Markdown, HTML and text renderings show and what the JSON
 * rendering is (serialised as it stands). Raw figures only; the wording and formatting are the renderings'.
 *
 * @param generatedAt       when the report was made (its file name carries the same instant)
 * @param checksEvaluatedAt when the quality checks it shows were evaluated (an evaluation is reused while nothing changes)
 * @param etfs              every ETF's holdings count and top 10 ({@code detail} only; absent otherwise)
 * @param sectors           every sector's stocks ({@code detail} only; absent otherwise)
 */
public record RelationshipBreakdown(OffsetDateTime generatedAt, OffsetDateTime checksEvaluatedAt, Summary summary,
                                    SectorDistribution sectorDistribution, QualityCheck.Status status, List<QualityCheck> checks,
                                    List<TrendPoint> trend,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) List<EtfHoldings> etfs,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) List<SectorMembers> sectors) {

    /**
     * What the catalog holds, counted.
     *
     * @param stocks distinct securities that some ETF holds or some universe lists, ETFs themselves left out: securities
     *               no longer held or listed stay in the catalog but are not counted
     */
    public record Summary(long etfs, long stocks, long sectors, long industries, long themes, long universes,
                          Relationships relationships) {
    }

    /** Memberships by kind; {@code total} is every membership of every kind. */
    public record Relationships(long total, long etfHoldsStock, long stockInSector, long stockInIndustry, long stockInTheme,
                                long stockInUniverse) {
    }

    /**
     * Sector classification of the universe members.
     *
     * @param bySector largest first (then by name)
     * @param bySource where the classifications came from, largest first; {@code none} for the unclassified
     */
    public record SectorDistribution(long universeMembers, long unknown, double unknownShare, double unknownShareTarget,
                                     List<SectorCount> bySector, List<SectorCount> bySource) {

        public boolean onTarget() {
            return unknownShare <= unknownShareTarget;
        }
    }

    /** A sector (or a classification source) and how many universe members it has. */
    public record SectorCount(String name, long members) {
    }

    /** One quality snapshot of the history, oldest first; a figure the snapshot did not record is null. */
    public record TrendPoint(OffsetDateTime takenAt, Double unknownShare, Double integrity) {
    }

    public record EtfHoldings(String symbol, String name, long holdings, List<Holding> top10) {
    }

    /** A holding and its weight in percent (null when the issuer's file gave none). */
    public record Holding(String symbol, BigDecimal weight) {
    }

    public record SectorMembers(String sector, List<String> symbols) {
    }

    public boolean detailed() {
        return etfs != null;
    }
}
