package io.relationships.catalog;

import java.util.Locale;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the symbol normaliser, over any text and over the spellings issuers use. */
class SymbolsPropertiesTest {

    @Property(tries = 1000)
    void canonicalFormsAreValidAndStable(@ForAll String raw) {
        Optional<String> canonical = Symbols.canonical(raw);
        canonical.ifPresent(symbol -> {
            assertThat(symbol).matches(Symbols.CANONICAL);
            assertThat(Symbols.canonical(symbol)).as("normalising twice changes nothing").contains(symbol);
        });
    }

    @Property(tries = 1000)
    void spellingDoesNotMatter(@ForAll("classSymbols") String symbol, @ForAll("separators") String separator) {
        String base = symbol.substring(0, symbol.indexOf('.'));
        String shareClass = symbol.substring(symbol.indexOf('.') + 1);
        String spelled = base + separator + shareClass;
        assertThat(Symbols.canonical(spelled)).contains(symbol);
        assertThat(Symbols.canonical(spelled.toLowerCase(Locale.ROOT))).contains(symbol);
        assertThat(Symbols.canonical("  " + spelled + " US")).as("padding and an exchange suffix").contains(symbol);
    }

    @Provide
    Arbitrary<String> classSymbols() {
        Arbitrary<String> base = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> shareClass = Arbitraries.strings().withCharRange('A', 'C').ofLength(1);
        return Combinators.combine(base, shareClass).as((b, c) -> b + "." + c);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(".", "-", "/", " ", "_");
    }

    @Property(tries = 1000)
    void textWithCharactersNoExchangeUsesIsNeverASymbol(@ForAll("hostile") String raw) {
        assertThat(Symbols.canonical(raw)).isEmpty();
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> prefix = Arbitraries.strings().withCharRange('A', 'Z').ofMaxLength(4);
        Arbitrary<Character> bad = Arbitraries.of('<', '>', '\'', '"', ';', '=', '(', ')', '*', '%', '\\', '\u0000', '|', '&', '$', '{');
        return Combinators.combine(prefix, bad, prefix).as((a, c, b) -> a + c + b);
    }
}
