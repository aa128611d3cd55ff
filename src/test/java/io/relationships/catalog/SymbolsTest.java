package io.relationships.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolsTest {

    @ParameterizedTest
    @CsvSource({
            "BRK.B,BRK.B", "BRK-B,BRK.B", "BRK/B,BRK.B", "BRK B,BRK.B", "brk.b,BRK.B", "BRKB,BRK.B", "BFB,BF.B",
            "'AAPL ',AAPL", "' msft',MSFT", "EHTH US,EHTH", "GOOG,GOOG", "GOOGL,GOOGL", "RUSHA,RUSHA", "ABR^D,ABR^D"})
    void oneCanonicalSpelling(String raw, String canonical) {
        assertThat(Symbols.canonical(raw)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "'); DROP TABLE securities; --", "<script>", "A;B", "TOOLONGSYMBOLTHATNOEXCHANGEUSES"})
    void refusesWhatCannotBeASymbol(String raw) {
        assertThat(Symbols.canonical(raw)).isEmpty();
    }
}
