package io.relationships.api;

import java.util.List;
import java.util.Locale;

import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;

/**
 * Arguments checked into plain VALIDATION errors before anything runs: the numeric ids of runs and sync passes
 * (GraphQL {@code ID}s arrive as text), symbols, and {@code first} on lists that are not connections; and keys
 * written the way the catalog writes them.
 */
public final class Arguments {

    private Arguments() {
    }

    /** A run's, a sync pass's or an API key's id: a positive whole number. */
    public static long id(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException notANumber) {
            // said below
        }
        throw new ApiException(ErrorCode.VALIDATION, "'" + name + "' must be an id, a positive whole number; '"
                + Finding.excerpt(value) + "' is not one");
    }

    /** {@code first} of a plain list: {@code defaultValue} when absent, else 0 to {@code max}. */
    static int first(Integer first, int defaultValue, int max) {
        if (first == null) {
            return defaultValue;
        }
        if (first < 0 || first > max) {
            throw new ApiException(ErrorCode.VALIDATION, "'first' must be between 0 and " + max + ", not " + first);
        }
        return first;
    }

    /** The first {@code first} items of a plain list (all of them when absent); {@code first} is 0 to {@code max}. */
    static <T> List<T> head(List<T> items, Integer first, int max) {
        return first == null ? items : items.subList(0, Math.min(first(first, 0, max), items.size()));
    }

    /** A symbol in any spelling the loaders accept; text that cannot be a symbol is a client's mistake, said so. */
    static String symbol(String symbol) {
        return Symbols.canonical(symbol).orElseThrow(() -> new ApiException(ErrorCode.VALIDATION,
                "'" + (symbol.length() > 40 ? symbol.substring(0, 40) + "…" : symbol).replaceAll("\\p{Cntrl}", "?")
                        + "' is not a symbol (letters, digits and . - ^ /, at most 20 characters)"));
    }

    /**
     * A group's key in any case, with spaces or hyphens for underscores, as the loaders write keys:
     * {@code INFORMATION_TECHNOLOGY} and {@code Information Technology} are {@code information_technology}, as
     * {@code brk-b} is {@code BRK.B}.
     */
    static String groupKey(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }
}
