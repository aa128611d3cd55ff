package io.relationships.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.StagedGroup;
import io.relationships.catalog.StagedMembership;
import io.relationships.catalog.StagedSecurity;
import io.relationships.load.format.ParsedFile;
import org.springframework.stereotype.Component;

/**
 * The validation gates of a holdings or universe file: which group it is and as of when ({@link GroupIdentity}),
 * every row ({@link MembershipRows}), then the weight sum. Turns a parsed file into the group it describes, or into
 * findings that reject it.
 */
@Component
class MembershipFiles {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One group of a file, ready to stage. */
    record GroupData(StagedGroup group, List<StagedMembership> members, List<StagedSecurity> securities) {
    }

    private final LoadProperties properties;

    MembershipFiles(LoadProperties properties) {
        this.properties = properties;
    }

    /**
     * The group a parsed holdings ({@code type} ETF) or universe file describes; empty when a gate rejected it
     * (the reasons are in {@code findings}).
     */
    Optional<GroupData> interpret(GroupType type, SourceFiles.SourceFile file, String checksum, ParsedFile parsed,
                                  List<Finding> findings) {
        String label = file.label();
        GroupIdentity identity = GroupIdentity.of(type, file, parsed, findings);
        MembershipRows.Checked rows = MembershipRows.check(label, parsed, type == GroupType.ETF, findings);
        List<StagedMembership> members = rows.members();
        if (members.isEmpty() && findings.stream().noneMatch(Finding::isError)) {
            findings.add(Finding.error(label, null, "NO_ROWS", "the file holds no securities (after skipping cash and other non-equity rows)"));
        }
        boolean partial = "top".equalsIgnoreCase(parsed.declared().get("holdings"));
        List<BigDecimal> weights = members.stream().map(StagedMembership::weight).filter(Objects::nonNull).toList();
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        int weighted = weights.size();
        if (weighted > 0 && (type == GroupType.ETF || weighted == members.size())) {
            checkWeightSum(label, weightSum, partial, findings);
        }
        if (findings.stream().anyMatch(Finding::isError) || !identity.known()) {
            return Optional.empty();
        }

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", parsed.format().label());
        if (parsed.issuer() != null) {
            metadata.put("issuer", parsed.issuer());
        }
        if (identity.asOf() != null) {
            metadata.put("asOf", identity.asOf().toString());
        }
        metadata.put("sourceFile", label);
        metadata.put("checksum", checksum);
        metadata.put("rowCount", members.size());
        if (weighted > 0) {
            metadata.put("weightSum", weightSum.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        }
        if (partial) {
            metadata.put("partial", true);
        }
        String name = identity.name(file, parsed);
        List<StagedSecurity> securities = new ArrayList<>(rows.securities());
        if (type == GroupType.ETF) {
            securities.add(new StagedSecurity(identity.key(), name, "ETF", null, null, null, null));
        }
        StagedGroup group = new StagedGroup(type, identity.key(), name, parsed.declared().get("description"),
                parsed.format().label() + ": " + file.fileName(), metadata);
        return Optional.of(new GroupData(group, members, securities));
    }

    private void checkWeightSum(String label, BigDecimal sum, boolean partial, List<Finding> findings) {
        LoadProperties.WeightSum gate = properties.weightSum();
        String shown = sum.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
        if (sum.compareTo(gate.rejectAbove()) > 0) {
            findings.add(Finding.error(label, null, "WEIGHT_SUM",
                    "weights add up to " + shown + ", above the " + gate.rejectAbove().toPlainString()
                            + "% a fund can hold; is a weight written as a percentage twice, or a fraction column mixed with percentages?"));
        } else if (!partial && sum.compareTo(gate.rejectBelow()) < 0) {
            findings.add(Finding.error(label, null, "WEIGHT_SUM",
                    "weights add up to only " + shown + " (below " + gate.rejectBelow().toPlainString()
                            + "%): are they fractions (declare '# weight_unit: fraction') or is the file cut short "
                            + "(declare '# holdings: top' for a list of top holdings)?"));
        } else if (sum.subtract(HUNDRED).abs().compareTo(gate.tolerance()) > 0 && !(partial && sum.compareTo(HUNDRED) < 0)) {
            findings.add(Finding.warning(label, null, "WEIGHT_SUM",
                    "weights add up to " + shown + ", more than " + gate.tolerance().toPlainString() + " points from 100%"));
        }
    }
}
