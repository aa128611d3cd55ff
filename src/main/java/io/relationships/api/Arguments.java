package io.relationships.api;

import java.util.Locale;

import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;

/**
 * Arguments checked into plain VALIDATION errors before anything runs: the numeric ids of runs and sync passes
 * (GraphQL {@code ID}s arrive as text), symbols, and the lengths asked of lists that are not connections; and keys
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

    /** A count argument of a plain list ({@code first}, {@code symbolsPerList}): {@code defaultValue} when absent, else 0 to {@code max}. */
    static int first(String name, Integer value, int defaultValue, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 0 || value > max) {
            throw new ApiException(ErrorCode.VALIDATION, "'" + name + "' must be between 0 and " + max + ", not " + value);
        }
        return value;
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
