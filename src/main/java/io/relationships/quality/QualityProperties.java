package io.relationships.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the quality checks, the schedule and where alerts go ({@code relationships.quality.*}).
 *
 * @param unknownSectorTarget   share of universe members without a sector that still passes (the plan's target)
 * @param unknownSectorFail     …and above which the check fails
 * @param industryCoverageWarn  share of held or listed stocks with an industry below which the check warns
 * @param weightSumTolerance    points from 100% an ETF's weights may be off
 * @param staleAfter            an ETF whose as-of date is older warns
 * @param volumeDropWarn        a group that lost this share of its members in its last load warns…
 * @param volumeDropFail        …and this share fails
 * @param schedule              cron of the scheduled validation
 * @param driftOnSnapshot       compare PostgreSQL with Neo4j for every snapshot
 * @param reuseFor              how long {@code dataQuality} and reports may reuse an evaluation when nothing has changed
 *                              since (no load, rollback or drift check); at 5M memberships an evaluation takes seconds
 * @param reportRetention       saved reports are removed after this long
 * @param snapshotSettle        a load or sync is followed by a snapshot this much later (a load and its sync make one)
 * @param snapshotSpacing       …and snapshots after loads and syncs start at least this far apart, however often data changes
 */
@Validated
@ConfigurationProperties("relationships.quality")
public record QualityProperties(
        @DefaultValue("0.02") @DecimalMin("0") @DecimalMax("1") double unknownSectorTarget,
        @DefaultValue("0.135") @DecimalMin("0") @DecimalMax("1") double unknownSectorFail,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double industryCoverageWarn,
        @DefaultValue("2.5") @DecimalMin("0") BigDecimal weightSumTolerance,
        @DefaultValue("30d") Duration staleAfter,
        @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double volumeDropWarn,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double volumeDropFail,
        @DefaultValue("0 0 6 * * *") String schedule,
        @DefaultValue("true") boolean driftOnSnapshot,
        @DefaultValue("5m") Duration reuseFor,
        @DefaultValue("90d") Duration reportRetention,
        @DefaultValue("1s") Duration snapshotSettle,
        @DefaultValue("30s") Duration snapshotSpacing,
        @DefaultValue Alerts alerts) {

    /**
     * @param webhookUrl  Slack-compatible incoming webhook ({@code {"text": …}} is posted)
     * @param emailTo     recipients; needs {@code spring.mail.*}
     * @param emailFrom   the sender of alert mail
     */
    public record Alerts(String webhookUrl, List<String> emailTo, @DefaultValue("relationships@localhost") String emailFrom) {
        public Alerts {
            emailTo = emailTo == null ? List.of() : List.copyOf(emailTo);
        }
    }
}
