package io.relationships.load.format;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Numbers as publishers write them: {@code 6.77}, {@code 11.75%}, {@code "38,206,872,878.20"}, {@code $727.5},
 * {@code 1.234,56} (decimal comma), {@code 1 234,5}, {@code 1'234.5}, {@code (12.5)} for negatives.
 */
public final class Numbers {

    private static final Pattern US_GROUPED = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern EU_GROUPED = Pattern.compile("[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d+,\\d+");
    private static final Pattern PLAIN = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+|\\d+(\\.\\d+)?[eE][+-]?\\d+");

    /** Why a text is not a number, in words for a finding. */
    public static final class NotANumber extends Exception {
        NotANumber(String message) {
            super(message, null, false, false);
        }
    }

    private Numbers() {
    }

    /** Parses {@code text}; blank and {@code -} mean "no value" and give null. */
    public static BigDecimal parse(String text) throws NotANumber {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.equals("-") || s.equals("--") || s.equalsIgnoreCase("n/a")) {
            return null;
        }
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.startsWith("-")) {
            negative = !negative;
            s = s.substring(1).strip();
        } else if (s.startsWith("+")) {
            s = s.substring(1).strip();
        }
        s = s.replace("$", "").replace("€", "").replace("%", "").replace("\u00A0", "").replace("\u202F", "")
                .replace("'", "").replace(" ", "").strip();
        String normalised;
        if (PLAIN.matcher(s).matches()) {
            normalised = s;
        } else if (US_GROUPED.matcher(s).matches()) {
            normalised = s.replace(",", "");
        } else if (EU_GROUPED.matcher(s).matches()) {
            normalised = s.replace(".", "").replace(',', '.');
        } else if (DECIMAL_COMMA.matcher(s).matches()) {
            normalised = s.replace(',', '.');
        } else {
            throw new NotANumber("'" + text.strip() + "' is not a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(normalised);
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            throw new NotANumber("'" + text.strip() + "' is not a number this service can hold (exponent out of range)");
        }
        if (value.precision() - value.scale() > 30) {
            throw new NotANumber("'" + text.strip() + "' is too large a number");
        }
        return negative ? value.negate() : value;
    }
}
