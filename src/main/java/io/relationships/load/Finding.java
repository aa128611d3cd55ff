package io.relationships.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/**
 * Something a validation gate found, located so that a person can act on it.
 *
 * @param file       the file, as the operator named it
 * @param line       line (CSV) or row (XLSX) number, 1-based; null for a finding about the whole file
 * @param column     column number, 1-based; null when not about one column
 * @param columnName the column's header, when known
 * @param code       stable machine-readable code (e.g. {@code WEIGHT_NOT_A_NUMBER})
 */
public record Finding(String file, Integer line, Integer column, String columnName, Severity severity, String code,
                      String message) {

    public enum Severity {
        /** rejects the file */
        ERROR,
        /** recorded on the run; the file loads */
        WARNING,
        INFO
    }

    public static Finding error(String file, Integer line, String code, String message) {
        return new Finding(file, line, null, null, Severity.ERROR, code, message);
    }

    public static Finding warning(String file, Integer line, String code, String message) {
        return new Finding(file, line, null, null, Severity.WARNING, code, message);
    }

    public static Finding info(String file, Integer line, String code, String message) {
        return new Finding(file, line, null, null, Severity.INFO, code, message);
    }

    public Finding at(Integer column, String columnName) {
        return new Finding(file, line, column, columnName, severity, code, message);
    }

    /**
     * A piece of a file's content as a message may show it: control characters replaced, at most 40 characters,
     * so that hostile or binary text never reaches a log, a terminal or a page whole.
     */
    public static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: message}, the form compilers taught everyone to read. */
    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "" : file);
        if (line != null) {
            where.append(':').append(line);
            if (column != null) {
                where.append(':').append(column);
            }
        }
        return where + ": " + severity.name().toLowerCase() + ": " + message
                + (columnName != null ? " (column '" + columnName + "')" : "");
    }

    /** At most {@code max} findings per file, plus one saying how many more there were. */
    static List<Finding> capped(List<Finding> findings, int max) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byFile.computeIfAbsent(String.valueOf(finding.file()), f -> new ArrayList<>()).add(finding);
        }
        List<Finding> kept = new ArrayList<>();
        byFile.forEach((file, list) -> {
            kept.addAll(list.subList(0, Math.min(max, list.size())));
            if (list.size() > max) {
                kept.add(info(file, null, "MORE_FINDINGS", (list.size() - max) + " more finding(s) not recorded"));
            }
        });
        return kept;
    }
}
