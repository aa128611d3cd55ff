package io.relationships.sector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.catalog.ClassificationReads;
import io.relationships.catalog.GroupType;
import io.relationships.load.DataDirectory;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.RealData;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The sector pipeline on the real files of ../shared/data/real (read in place): under 2% unknown among universe members. */
@IntegrationTest
@RestoresSampleData
@EnabledIf("io.relationships.support.RealData#present")
class RealDataSectorTest {

    @Autowired
    LoadService loads;
    @Autowired
    ClassificationReads catalog;
    @Autowired
    DataDirectory dataDirectory;


    @Test
    @SuppressWarnings("unchecked")
    void universeMembersAreAlmostAllClassifiedAndWellKnownNamesGetTheirGicsSector() {
        LoadRunRecord holdings = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.FULL, Trigger.CLI, "test")
                .withFiles(RealData.holdings().stream().map(p -> new LoadRequest.FileSpec(p, null)).toList()));
        assertThat(holdings.status()).isEqualTo(RunStatus.SUCCEEDED);
        LoadRunRecord universes = loads.run(LoadRequest.of(RunKind.UNIVERSES, LoadMode.FULL, Trigger.CLI, "test")
                .withFiles(RealData.universes().entrySet().stream().map(e -> new LoadRequest.FileSpec(e.getValue(), e.getKey())).toList()));
        assertThat(universes.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<LoadRequest.FileSpec> inputs = new ArrayList<>();
        inputs.add(new LoadRequest.FileSpec(dataDirectory.resolve("sectors/sector_classifications.csv"), "curated"));
        RealData.screeners().forEach(p -> inputs.add(new LoadRequest.FileSpec(p, "screener")));

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.SECTORS, LoadMode.FULL, Trigger.CLI, "test").withFiles(inputs));

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> report = run.report();
        Map<String, Map<String, Object>> byUniverse = (Map<String, Map<String, Object>>) report.get("universes");
        long members = 0;
        long unknown = 0;
        for (Map<String, Object> universe : byUniverse.values()) {
            members += ((Number) universe.get("total")).longValue();
            unknown += ((Number) universe.get("unknown")).longValue();
        }
        System.out.println("Sector coverage on real data: " + report.get("before") + " -> " + report.get("after")
                + "; universes " + byUniverse + "; evidence " + report.get("evidenceBySource"));
        assertThat(members).isGreaterThan(3_000);
        assertThat((double) unknown / members).as("unknown share among universe members").isLessThan(0.02);

        var sectors = catalog.classifications(GroupType.SECTOR);
        assertThat(sectors.get("AAPL").key()).isEqualTo("information_technology");
        assertThat(sectors.get("MSFT").key()).isEqualTo("information_technology");
        assertThat(sectors.get("JPM").key()).isEqualTo("financials");
        assertThat(sectors.get("XOM").key()).isEqualTo("energy");
        assertThat(sectors.get("NEE").key()).isEqualTo("utilities");
        assertThat(sectors.get("AMT").key()).isEqualTo("real_estate");
        assertThat(sectors.get("LIN").key()).isEqualTo("materials");
        assertThat(sectors.get("GOOGL").key()).isEqualTo("communication_services");
        assertThat(sectors.get("BRK.B").key()).isEqualTo("financials");
    }
}
