package io.relationships.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one canonical spelling of a symbol: upper case, share classes after a dot ({@code BRK.B}). {@code BRK-B},
 * {@code BRK/B}, {@code BRK B}, {@code brk.b} and issuer forms without separator ({@code BRKB}, listed in
 * {@code symbol-aliases.csv}) all map to it. {@code GOOG} and {@code GOOGL} stay different securities.
 */
public final class Symbols {

    /** What a canonical symbol may look like (the catalog's check constraint says the same). */
    public static final Pattern CANONICAL = Pattern.compile("[A-Z0-9][A-Z0-9.^-]{0,19}");
    /** Bloomberg-style exchange suffixes some issuers append ({@code EHTH US}). */
    private static final Pattern EXCHANGE_SUFFIX = Pattern.compile("\\s+(US|UN|UW|UQ|UR|UA|UP|UV)$");
    private static final Pattern CLASS_SEPARATOR = Pattern.compile("[\\s/\\-_]+");
    private static final Map<String, String> ALIASES = readAliases();

    private Symbols() {
    }

    /**
     * The canonical form of {@code raw}, or empty when it cannot be a symbol (blank, too long, characters no
     * exchange uses — {@code '); DROP TABLE}, {@code <script>}).
     */
    public static Optional<String> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String symbol = raw.strip().replace('\u00A0', ' ').toUpperCase(Locale.ROOT);
        symbol = EXCHANGE_SUFFIX.matcher(symbol).replaceFirst("");
        symbol = CLASS_SEPARATOR.matcher(symbol).replaceAll(".");
        symbol = ALIASES.getOrDefault(symbol, symbol);
        return CANONICAL.matcher(symbol).matches() ? Optional.of(symbol) : Optional.empty();
    }

    /** The canonical form, or the input unchanged (upper-cased) when it is not a valid symbol: for look-ups. */
    public static String canonicalOrSelf(String raw) {
        return canonical(raw).orElse(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> readAliases() {
        Map<String, String> aliases = new HashMap<>();
        var stream = Symbols.class.getResourceAsStream("symbol-aliases.csv");
        if (stream == null) {
            throw new IllegalStateException("symbol-aliases.csv missing from the classpath");
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("alias,")) {
                    continue;
                }
                String[] parts = line.split(",");
                aliases.put(parts[0].strip().toUpperCase(Locale.ROOT), parts[1].strip().toUpperCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(aliases);
    }
}
