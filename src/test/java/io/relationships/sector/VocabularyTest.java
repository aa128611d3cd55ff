package io.relationships.sector;

import java.nio.file.Path;

import io.relationships.load.DataDirectoryAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyTest {

    /** A data directory without sectors/ overrides, so the shipped tables apply. */
    final MappingTables tables = new MappingTables(DataDirectoryAccess.of(Path.of("target/no-such-data-dir")));

    @ParameterizedTest
    @CsvSource({
            "Information Technology,information_technology", "Communication,communication_services",
            "Telecommunication Services,communication_services", "Health Care,health_care", "Financials,financials",
            "basic materials,materials", "real_estate,real_estate", "Consumer Discretionary,consumer_discretionary"})
    void issuerSpellingsOfGicsSectors(String text, String key) {
        assertThat(Gics.sectorKey(text)).contains(key);
    }

    @ParameterizedTest
    @CsvSource({"Cash and/or Derivatives", "Unknown", "-", "Other", "unknown"})
    void textsThatNameNoSector(String text) {
        assertThat(Gics.sectorKey(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Technology|Computer Software: Prepackaged Software|information_technology",
            "Technology|Industrial Machinery/Components|industrials",
            "Finance|Major Banks|financials",
            "Finance|Real Estate|real_estate",
            "Consumer Discretionary|Business Services|industrials",
            "Consumer Discretionary|Catalog/Specialty Distribution|consumer_discretionary",
            "Industrials|Auto Manufacturing|consumer_discretionary",
            "Industrials|Major Chemicals|materials",
            "Telecommunications|Telecommunications Equipment|information_technology",
            "Basic Materials|Precious Metals|materials"})
    void screenerVocabularyMapsToGics(String sector, String industry, String gics) {
        assertThat(tables.screenerSector(sector, industry)).contains(gics);
    }

    @Test
    void aScreenerSectorTheTableDoesNotKnowMapsToNothing() {
        assertThat(tables.screenerSector("Miscellaneous", "Something Else")).isEmpty();
        assertThat(tables.screenerSector("", "")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2834,health_care", "3571,information_technology", "3674,information_technology", "6798,real_estate",
            "6022,financials", "1311,energy", "4911,utilities", "7372,information_technology", "3711,consumer_discretionary",
            "4813,communication_services", "5912,consumer_staples", "2086,consumer_staples"})
    void sicCodesMapToGics(int sic, String gics) {
        assertThat(tables.sicSector(sic)).contains(gics);
    }

    @Test
    void industryKeys() {
        assertThat(Gics.industryKey("Industrial Conglomerates")).isEqualTo("industrial_conglomerates");
        assertThat(Gics.industryKey("Oil & Gas Exploration & Production")).isEqualTo("oil_and_gas_exploration_and_production");
    }
}
