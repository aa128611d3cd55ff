package io.relationships.load.format;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "May 08, 2025|2025-05-08",
            "As of 18-Nov-2025|2025-11-18",
            "04/28/2025|2025-04-28",
            "2025-10-31|2025-10-31",
            "\"Nov 06, 2020\"|2020-11-06"})
    void readsIssuerDates(String text, LocalDate expected) {
        assertThat(Dates.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2025-13-45", "-"})
    void refusesWhatIsNotADate(String text) {
        assertThat(Dates.parse(text)).isEmpty();
    }
}
