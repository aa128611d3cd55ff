package io.relationships.load.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * As-of dates as issuers write them: {@code May 08, 2025} (iShares), {@code As of 18-Nov-2025} (SSGA),
 * {@code 04/28/2025} (Invesco, ARK: month first), {@code 2025-10-31} (ours).
 */
public final class Dates {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            formatter("MMM d, uuuu"),
            formatter("MMMM d, uuuu"),
            formatter("d-MMM-uuuu"),
            formatter("d MMM uuuu"),
            formatter("M/d/uuuu"),
            formatter("uuuuMMdd"));

    private Dates() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    public static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().replaceFirst("(?i)^as of\\s*:?\\s*", "").replace("\"", "").strip();
        for (DateTimeFormatter format : FORMATS) {
            try {
                return Optional.of(LocalDate.parse(s, format));
            } catch (DateTimeParseException e) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }
}
