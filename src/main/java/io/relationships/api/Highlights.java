package io.relationships.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.relationships.catalog.Symbols;
import io.relationships.catalog.TextFolding;

/**
 * Where a search text matched a hit, as pieces of the hit's own text ({@code MarkedText}): the start of a symbol or
 * key that begins with the text, and in a name the start of each word that begins with one of the text's words. Found
 * in the folded text (case and accents aside) and marked in the original, so {@code nes} marks {@code Nes} of
 * {@code Nestlé}. Pieces, not offsets: a client renders them in order and needs no index arithmetic (JavaScript counts
 * UTF-16 units, other clients code points).
 */
final class Highlights {

    record MarkedText(String text, boolean matched) {
    }

    /** The text as a symbol and as a key would start with it (folded), and its words: worked out once per search. */
    private final List<String> labelForms;
    private final List<String> words;

    Highlights(String text) {
        this.words = TextFolding.words(text);
        this.labelForms = List.of(Symbols.canonical(text).orElse("").toLowerCase(Locale.ROOT), String.join("_", words));
    }

    /** A symbol or key, its start marked where it begins with the text (as a symbol, or as a key). */
    List<MarkedText> label(String label) {
        TextFolding.Folded folded = TextFolding.folded(label);
        int length = 0;
        for (String form : labelForms) {
            if (!form.isEmpty() && folded.text().startsWith(form)) {
                length = Math.max(length, form.length());
            }
        }
        boolean[] marked = new boolean[folded.text().length()];
        for (int i = 0; i < length; i++) {
            marked[i] = true;
        }
        return pieces(label, folded, marked);
    }

    /** A name, the start of each of its words that begins with a word of the text marked; none for no name. */
    List<MarkedText> name(String name) {
        if (name == null || name.isEmpty()) {
            return List.of();
        }
        TextFolding.Folded folded = TextFolding.folded(name);
        String haystack = folded.text();
        boolean[] marked = new boolean[haystack.length()];
        for (String word : words) {
            for (int at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
                if (at == 0 || !Character.isLetterOrDigit(haystack.charAt(at - 1))) {
                    for (int i = at; i < at + word.length(); i++) {
                        marked[i] = true;
                    }
                }
            }
        }
        return pieces(name, folded, marked);
    }

    /** The original text cut where marking starts and stops, each folded position traced to its original character. */
    private static List<MarkedText> pieces(String original, TextFolding.Folded folded, boolean[] marked) {
        boolean[] originalMarked = new boolean[original.length()];
        for (int i = 0; i < marked.length; i++) {
            if (marked[i]) {
                originalMarked[folded.origin()[i]] = true;
            }
        }
        List<MarkedText> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= original.length(); i++) {
            if (i == original.length() || originalMarked[i] != originalMarked[start]) {
                pieces.add(new MarkedText(original.substring(start, i), originalMarked[start]));
                start = i;
            }
        }
        return pieces;
    }
}
