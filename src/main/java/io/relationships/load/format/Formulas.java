package io.relationships.load.format;

/**
 * Text that a spreadsheet would run as a formula ({@code =cmd|' /C calc'!A0}, {@code @SUM(…)}, {@code +A1}):
 * a name or a sector never starts like that, and such text would travel on into the reports operators open in
 * a spreadsheet (OWASP's "CSV injection"). A leading sign before a digit is a number, not a formula.
 */
public final class Formulas {

    private Formulas() {
    }

    public static boolean looksLikeFormula(String text) {
        if (text == null) {
            return false;
        }
        String s = text.stripLeading();
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (first == '=' || first == '@') {
            return true;
        }
        if ((first == '+' || first == '-') && s.length() > 1) {
            char next = s.charAt(1);
            return !(Character.isDigit(next) || next == '.' || next == ' ' || next == '-');
        }
        return false;
    }
}
