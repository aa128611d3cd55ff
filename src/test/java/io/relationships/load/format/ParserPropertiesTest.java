package io.relationships.load.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.relationships.load.Finding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Properties of the file readers: no input makes them throw, and what they read back is what was written. */
class ParserPropertiesTest {

    private final FileParser parser = new FileParser();

    @Property(tries = 300)
    void anyBytesGiveFindingsNeverAnException(@ForAll @Size(max = 2000) byte[] bytes) {
        for (FileParser.Kind kind : FileParser.Kind.values()) {
            ParsedFile parsed = parser.parse("ANY.csv", bytes, kind);
            assertThat(parsed).isNotNull();
            if (parsed.rows().isEmpty()) {
                assertThat(parsed.findings()).as("an unreadable file says why").isNotEmpty();
            }
        }
    }

    @Property(tries = 300)
    void anyTextGivesFindingsNeverAnException(@ForAll @Size(max = 400) String text) {
        byte[] bytes = ("# as_of: 2025-11-14\nsymbol,name,weight\n" + text).getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> parser.parse("ANY.csv", bytes, FileParser.Kind.HOLDINGS)).doesNotThrowAnyException();
        assertThatCode(() -> parser.parse("ANY.json", text.getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS))
                .doesNotThrowAnyException();
    }

    record Holding(String symbol, String name, BigDecimal weight) {
    }

    @Provide
    Arbitrary<List<Holding>> holdings() {
        // the spellings issuers use for "no ticker" (cash, placeholders) are skipped by design, not read as stocks
        Set<String> placeholders = Set.of("NA", "NAN", "NONE", "NULL", "CASH", "USD");
        Arbitrary<String> symbols = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(5).filter(s -> !placeholders.contains(s));
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghij ,.\"&'ÄéñÜ").ofMinLength(1).ofMaxLength(30)
                .filter(n -> !n.isBlank() && !Formulas.looksLikeFormula(n));
        Arbitrary<BigDecimal> weights = Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("99.9999")).ofScale(4);
        return Combinators.combine(symbols, names, weights).as(Holding::new).list().ofMinSize(1).ofMaxSize(40)
                .uniqueElements(Holding::symbol);
    }

    @Property(tries = 200)
    void aStandardCsvReadsBackExactlyAsWritten(@ForAll("holdings") List<Holding> holdings) {
        StringBuilder csv = new StringBuilder("# fund: TEST\n# as_of: 2025-11-14\nsymbol,name,weight\n");
        for (Holding h : holdings) {
            csv.append(h.symbol()).append(",\"").append(h.name().replace("\"", "\"\"")).append("\",").append(h.weight().toPlainString()).append('\n');
        }
        ParsedFile parsed = parser.parse("TEST.csv", csv.toString().getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);

        assertThat(parsed.findings()).noneMatch(Finding::isError);
        assertThat(parsed.rows()).hasSize(holdings.size());
        for (int i = 0; i < holdings.size(); i++) {
            RawRow row = parsed.rows().get(i);
            assertThat(row.text(Field.SYMBOL)).isEqualTo(holdings.get(i).symbol());
            assertThat(row.text(Field.NAME)).isEqualTo(holdings.get(i).name().strip());
            assertThat(new BigDecimal(row.text(Field.WEIGHT))).isEqualByComparingTo(holdings.get(i).weight());
            assertThat(row.line()).isEqualTo(i + 4);
        }
    }

    @Property(tries = 200)
    void theJsonFormatReadsBackExactlyAsWritten(@ForAll("holdings") List<Holding> holdings) {
        StringBuilder json = new StringBuilder("[");
        for (Holding h : holdings) {
            json.append(json.length() > 1 ? ",\n" : "\n").append("{\"ticker\": \"").append(h.symbol()).append("\", \"name\": \"")
                    .append(h.name().replace("\\", "\\\\").replace("\"", "\\\"")).append("\", \"weight\": ").append(h.weight().toPlainString()).append('}');
        }
        json.append("\n]");
        ParsedFile parsed = parser.parse("TEST.json", json.toString().getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);

        assertThat(parsed.findings()).noneMatch(Finding::isError);
        assertThat(parsed.rows()).extracting(r -> r.text(Field.SYMBOL)).containsExactlyElementsOf(holdings.stream().map(Holding::symbol).toList());
    }

    /** Any number written the ways publishers write it reads back as the same value. */
    @Property(tries = 500)
    void numbersInPublishersNotationsReadBackExactly(@ForAll @BigRange(min = "-1000000000", max = "1000000000") BigDecimal value,
                                                      @ForAll("notations") Locale locale) throws Numbers.NotANumber {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP);
        DecimalFormat grouped = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(locale));
        assertThat(Numbers.parse(grouped.format(rounded))).isEqualByComparingTo(rounded);
        assertThat(Numbers.parse(rounded.toPlainString())).isEqualByComparingTo(rounded);
        assertThat(Numbers.parse(rounded.abs().toPlainString() + "%")).isEqualByComparingTo(rounded.abs());
        if (rounded.signum() < 0) {
            assertThat(Numbers.parse("(" + rounded.abs().toPlainString() + ")")).isEqualByComparingTo(rounded);
        }
    }

    @Provide
    Arbitrary<Locale> notations() {
        return Arbitraries.of(Locale.US, Locale.GERMANY, Locale.UK);
    }

    @Property(tries = 500)
    void anyTextIsANumberOrSaysWhyNot(@ForAll String text) {
        try {
            BigDecimal value = Numbers.parse(text);
            if (value != null) {
                assertThat(value.precision() - value.scale()).as("no absurd magnitudes get through").isLessThanOrEqualTo(30);
            }
        } catch (Numbers.NotANumber expected) {
            assertThat(expected.getMessage()).contains("number");
        }
    }
}
