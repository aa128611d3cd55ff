package io.relationships.load;

import java.math.BigDecimal;
import java.util.List;

import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;

/** The real issuer and index files of ../shared/data/real, read in place. */
@EnabledIf("io.relationships.support.RealData#present")
class RealDataLoadTest extends CatalogLoadTest {

    LoadRunRecord loadHoldings(LoadMode mode) {
        return loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, mode, Trigger.CLI, "test")
                .withFiles(RealData.holdings().stream().map(p -> new LoadRequest.FileSpec(p, null)).toList()));
    }

    @Test
    void everyRealHoldingsFileLoadsAndAgainIncrementallyNothingChanges() {
        LoadRunRecord run = loadHoldings(LoadMode.INCREMENTAL);

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        List<FileOutcome> outcomes = runs.files(run.id());
        assertThat(outcomes).hasSize(RealData.holdings().size()).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.LOADED);
        assertThat(outcomes).extracting(FileOutcome::groupKey)
                .contains("IVV", "IWV", "IWM", "IWB", "ITOT", "ARKK", "ARKG", "IZRL", "QQQ", "SPY", "DIA", "XLE", "XLU", "CNRG", "VTI", "XLK");
        assertThat(run.counts().added()).isGreaterThan(20_000);

        // iShares spells Berkshire B shares BRKB; it is BRK.B, as in SSGA's workbook
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "IVV"))).containsKeys("BRK.B", "AAPL", "MSFT").doesNotContainKey("BRKB");
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "SPY"))).containsKeys("BRK.B");
        // GOOG and GOOGL are different securities
        assertThat(catalog.members(new GroupRef(GroupType.ETF, "QQQ"))).containsKeys("GOOG", "GOOGL");
        BigDecimal aaplInQqq = catalog.members(new GroupRef(GroupType.ETF, "QQQ")).get("AAPL");
        assertThat(aaplInQqq).isEqualByComparingTo("8.823");
        assertThat(catalog.group(GroupType.ETF, "IVV").orElseThrow().metadataText("asOf")).isEqualTo("2025-11-18");
        assertThat(catalog.group(GroupType.ETF, "SPY").orElseThrow().metadataText("asOf")).isEqualTo("2025-11-18");
        assertThat(catalog.group(GroupType.ETF, "QQQ").orElseThrow().metadataText("asOf")).isEqualTo("2025-04-28");

        LoadRunRecord again = loadHoldings(LoadMode.INCREMENTAL);
        assertThat(runs.files(again.id())).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.UNCHANGED);
        assertThat(again.counts().added() + again.counts().removed() + again.counts().changed()).isZero();
    }

    @Test
    void realUniverseFilesLoadUnderTheirKeys() {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.UNIVERSES, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(RealData.universes().entrySet().stream().map(e -> new LoadRequest.FileSpec(e.getValue(), e.getKey())).toList()));

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "sp500"))).hasSizeBetween(500, 505).containsKey("BRK.B");
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "dow30"))).hasSize(30).containsKeys("NVDA", "SHW");
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "nasdaq100"))).hasSize(101);
        assertThat(catalog.members(new GroupRef(GroupType.UNIVERSE, "russell3000"))).hasSizeGreaterThan(2_600);
    }

    @Test
    void anIsharesFileWithoutItsPreambleIsRejectedForWantOfAnAsOfDate() {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(RealData.ROOT.resolve("GuiBiem_stat_thesis_large_dynamic_cov/IWV_holdings.csv"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 20)).filteredOn(Finding::isError).extracting(Finding::code).containsExactly("AS_OF_MISSING");
    }
}
