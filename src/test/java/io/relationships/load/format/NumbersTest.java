package io.relationships.load.format;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "6.77|6.77",
            "11.75%|11.75",
            "38,206,872,878.20|38206872878.20",
            "$727,247,902.97|727247902.97",
            "1.234,56|1234.56",
            "0,123|0.123",
            "1 234,5|1234.5",
            "1'234.5|1234.5",
            "(12.5)|-12.5",
            "-3|-3",
            "2.93804757E8|2.93804757E8",
            "1,000|1000"})
    void readsWhatPublishersWrite(String text, String expected) throws Exception {
        assertThat(Numbers.parse(text)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "n/a"})
    void blankMeansNoValue(String text) throws Exception {
        assertThat(Numbers.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3,4,5", "12abc", "=1+2", "1,2,3"})
    void refusesWhatIsNotANumber(String text) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(Numbers.NotANumber.class).hasMessageContaining(text);
    }
}
