package io.relationships.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupDiff;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipHistory;
import io.relationships.support.IdWindow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What load runs leave behind: what a group held on a day or as known at a moment, the net diff between two runs,
 * and rollbacks that restore the catalog exactly (or refuse to, where a later run changed the same group).
 */
class LoadHistoryTest extends CatalogLoadTest {

    @Autowired
    CatalogHistory history;
    @Autowired
    MembershipHistory membershipHistory;

    @Test
    void rollbackRestoresTheCatalogExactly() {
        String before = fingerprint();
        files.copyFixture("formats/SPY_standard.csv");
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\nZZZT,5\n");
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fingerprint()).isNotEqualTo(before);

        LoadRunRecord rollback = loads.rollback(run.id(), false, Trigger.CLI, "test");

        assertThat(rollback.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rollback.kind()).isEqualTo(RunKind.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(run.id());
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(jdbc.sql("select count(*) from securities where symbol = 'ZZZT'").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> loads.rollback(run.id(), false, Trigger.CLI, "test"))
                .isInstanceOf(LoadException.class).hasMessageContaining("already rolled back");
    }

    @Test
    void rollbackIsRefusedWhenALaterRunChangedTheSameGroupUnlessCascading() {
        String before = fingerprint();
        Path first = files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\n");
        LoadRunRecord one = loadFiles(RunKind.ETF_HOLDINGS, first);
        Path second = files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,21\nAAPL,9\n");
        LoadRunRecord two = loadFiles(RunKind.ETF_HOLDINGS, second);
        assertThat(two.counts().changed()).isEqualTo(2);

        assertThatThrownBy(() -> loads.rollback(one.id(), false, Trigger.CLI, "test"))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(LoadException.Code.CONFLICT);
                    assertThat(e.getMessage()).contains(String.valueOf(two.id()));
                });
        LoadRunRecord cascade = loads.rollback(one.id(), true, Trigger.CLI, "test");

        assertThat(cascade.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(runs.find(two.id()).orElseThrow().rolledBackBy()).isEqualTo(cascade.id());
    }

    @Test
    void historyAnswersWhatAGroupHeldOnADayByItsFilesDatesAndAsKnownAtAMoment() throws InterruptedException {
        Path v1 = files.write("ZZL.csv", "# fund: ZZL\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\n");
        loadFiles(RunKind.ETF_HOLDINGS, v1);
        Thread.sleep(20);
        OffsetDateTime between = jdbc.sql("select now()").query(OffsetDateTime.class).single();
        Thread.sleep(20);
        Path v2 = files.write("ZZL.csv", "# fund: ZZL\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,25\nMSFT,12\n");
        loadFiles(RunKind.ETF_HOLDINGS, v2);

        GroupRef zzl = new GroupRef(GroupType.ETF, "ZZL"); // a fund of this test's own: its history is this test's alone
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 14), null)))
                .as("the last file dated that day").containsExactlyInAnyOrder("AAPL=10", "NVDA=20");
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 16), null))).containsExactlyInAnyOrder("MSFT=12", "NVDA=25");
        assertThat(weights(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 16), between)))
                .as("as the catalog knew it before the second load").containsExactlyInAnyOrder("AAPL=10", "NVDA=20");
        assertThat(membershipHistory.membersAsOf(zzl, LocalDate.of(2025, 11, 13), null)).as("before the first file").isEmpty();
        assertThat(catalog.members(zzl)).containsOnlyKeys("MSFT", "NVDA");
        assertThat(membershipHistory.changes(zzl, LocalDate.of(2025, 11, 15), new IdWindow(null, null, 10, false)))
                .extracting(c -> c.symbol() + ":" + c.change() + ":" + c.asOf())
                .containsExactlyInAnyOrder("AAPL:REMOVED:2025-11-15", "MSFT:ADDED:2025-11-15", "NVDA:CHANGED:2025-11-15");
    }

    static List<String> weights(List<MembershipHistory.PastMembership> members) {
        return members.stream().map(m -> m.symbol() + "=" + m.weight().toPlainString()).toList();
    }

    @Test
    void theDiffBetweenTwoRunsIsTheNetOfTheRunsInBetween() {
        LoadRunRecord a = loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-14\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,10\nMSFT,8\n"));
        loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-15\n# holdings: top\nsymbol,weight\nNVDA,25\nAAPL,10\nORCL,3\n"));
        LoadRunRecord c = loadFiles(RunKind.ETF_HOLDINGS, files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-16\n# holdings: top\nsymbol,weight\nNVDA,25\nAAPL,9\nAMD,2\n"));

        List<GroupDiff> diff = history.diffBetween(a.id(), c.id(), 100);

        // ORCL came and went in between: no change; MSFT left; AMD arrived; NVDA and AAPL moved
        assertThat(diff).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo(new GroupRef(GroupType.ETF, "XLK"));
            assertThat(group.added()).containsExactly("AMD");
            assertThat(group.removed()).containsExactly("MSFT");
            assertThat(group.reweighted()).extracting(m -> m.symbol() + " " + m.oldWeight() + "→" + m.newWeight())
                    .containsExactly("AAPL 10→9", "NVDA 20→25");
        });
        assertThat(history.diffBetween(c.id(), c.id(), 100)).isEmpty();
    }
}
