package io.relationships.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.relationships.catalog.GroupRecord;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupSnapshot;
import io.relationships.catalog.GroupType;
import org.junit.jupiter.api.Test;

/** The projection writes only the difference: what it plans for a group against what the graph holds. */
class MembershipDiffTest {

    private static GroupSnapshot etf(GroupSnapshot.Member... members) {
        return new GroupSnapshot(new GroupRecord(1, GroupType.ETF, "SPY", "SPDR S&P 500", null, null, Map.of(), null, members.length),
                List.of(members));
    }

    private static GroupSnapshot.Member member(String symbol, String name, String weight) {
        return new GroupSnapshot.Member(symbol, name, new BigDecimal(weight), Map.of());
    }

    private static MembershipDiff.Current held(String rel, String symbol, String name, double weight) {
        return new MembershipDiff.Current(rel, symbol, name, Map.of("weight", weight));
    }

    @Test
    void aGroupTheGraphDoesNotHoldYetIsCreatedWhole() {
        MembershipDiff diff = new MembershipDiff();
        diff.group(GroupShape.ETF, etf(member("AAPL", "Apple", "7.5"), member("MSFT", "Microsoft", "6.5")), List.of());

        assertThat(diff.creates().values()).singleElement().satisfies(rows -> assertThat(rows).hasSize(2));
        assertThat(diff.deletes()).isEmpty();
        assertThat(diff.updates()).isEmpty();
        assertThat(diff.touched()).containsExactlyInAnyOrder("AAPL", "MSFT");
    }

    @Test
    void aGroupProjectedAgainUnchangedWritesNothing() {
        MembershipDiff diff = new MembershipDiff();
        diff.group(GroupShape.ETF, etf(member("AAPL", "Apple", "7.5")), List.of(held("r1", "AAPL", "Apple", 7.5)));

        assertThat(diff.creates()).isEmpty();
        assertThat(diff.deletes()).isEmpty();
        assertThat(diff.updates()).isEmpty();
        assertThat(diff.renames()).isEmpty();
        assertThat(diff.released()).isEmpty();
        assertThat(diff.touched()).containsExactly("AAPL");
        assertThat(diff.changedGroups()).as("nothing a cache holds changes").isEmpty();
        assertThat(diff.changedSymbols()).isEmpty();
    }

    @Test
    void changedWeightsRenamesAndLeaversAreWrittenByRelationshipId() {
        MembershipDiff diff = new MembershipDiff();
        diff.group(GroupShape.ETF, etf(member("AAPL", "Apple Inc.", "7.5"), member("MSFT", "Microsoft", "6.0"), member("NVDA", "Nvidia", "5")),
                List.of(held("r1", "AAPL", "Apple", 7.5), held("r2", "MSFT", "Microsoft", 6.5), held("r3", "XOM", "Exxon", 1.0),
                        held("r4", "MSFT", "Microsoft", 6.5)));

        assertThat(diff.updates()).containsExactly(Map.of("id", "r2", "props", Map.of("weight", 6.0)));
        assertThat(diff.renames()).containsExactly(Map.of("symbol", "AAPL", "name", "Apple Inc."));
        assertThat(diff.deletes()).as("the leaver and a second relationship to the same member").containsExactlyInAnyOrder("r3", "r4");
        assertThat(diff.released()).containsExactly("XOM");
        assertThat(diff.creates().values()).singleElement().satisfies(rows -> assertThat(rows).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("symbol", "NVDA").containsEntry("props", Map.of("weight", 5.0))));
        assertThat(diff.touched()).containsExactlyInAnyOrder("AAPL", "MSFT", "NVDA", "XOM");
        assertThat(diff.changedSymbols()).containsExactlyInAnyOrder("AAPL", "MSFT", "NVDA", "XOM");
        assertThat(diff.changedGroups()).extracting(GroupRef::key).containsExactly("SPY");
    }

    @Test
    void onlyTheMembersWhoseMembershipChangesAreChanged() {
        MembershipDiff diff = new MembershipDiff();
        diff.group(GroupShape.ETF, etf(member("AAPL", "Apple", "7.5"), member("MSFT", "Microsoft", "6.0")),
                List.of(held("r1", "AAPL", "Apple", 7.5), held("r2", "MSFT", "Microsoft", 6.5)));

        assertThat(diff.touched()).containsExactlyInAnyOrder("AAPL", "MSFT");
        assertThat(diff.changedSymbols()).containsExactly("MSFT");
    }
}
