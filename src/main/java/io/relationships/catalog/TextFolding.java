package io.relationships.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text folded for search, the way the catalog's {@code search_fold} folds names: lower case, accents dropped
 * ({@code Nestlé} → {@code nestle}), a few letters spelled out ({@code ß} → {@code ss}, {@code Œ} → {@code oe}), each
 * position of the folded text traced back to the character it came from, so that a match found in folded text can
 * be marked in the original.
 */
public final class TextFolding {

    /** Letters that are not a base letter plus a combining accent, as unaccent spells them. */
    private static final Map<Character, String> SPELLED = Map.of('ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'đ', "d",
            'ł', "l", 'þ', "th", 'ı', "i");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * @param text   the folded text
     * @param origin for each character of {@code text}, the index of the original character it came from
     */
    public record Folded(String text, int[] origin) {
    }

    private TextFolding() {
    }

    public static String fold(String text) {
        return folded(text).text();
    }

    public static Folded folded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) { // most names: no table, no normalisation
                origin = grown(origin, folded.length());
                origin[folded.length()] = i;
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                continue;
            }
            char lower = Character.toLowerCase(c);
            String plain = SPELLED.containsKey(lower) ? SPELLED.get(lower) : Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
            for (int j = 0; j < plain.length(); j++) {
                char p = plain.charAt(j);
                int type = Character.getType(p);
                if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK && type != Character.ENCLOSING_MARK) {
                    origin = grown(origin, folded.length());
                    origin[folded.length()] = i;
                    folded.append(Character.toLowerCase(p));
                }
            }
        }
        return new Folded(folded.toString(), Arrays.copyOf(origin, folded.length()));
    }

    private static int[] grown(int[] origin, int index) {
        return index < origin.length ? origin : Arrays.copyOf(origin, origin.length * 2 + 4);
    }

    /** The words of a text, folded: what a name's words are matched against. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var matcher = WORD.matcher(fold(text));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }
}
