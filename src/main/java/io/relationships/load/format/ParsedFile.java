package io.relationships.load.format;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;

/**
 * What a reader got out of a file: its rows (not yet interpreted) and what the file says about itself.
 *
 * @param fundSymbol  the ETF's symbol when the content carries it (Invesco's Fund Ticker, ARK's fund column, SSGA's ticker row)
 * @param asOf        the as-of date the file states, or null
 * @param asOfText    the as-of text as written, for messages
 * @param declared    {@code # key: value} lines of the standard CSV (fund, name, issuer, as_of, holdings, weight_unit)
 * @param findings    what reading found (skipped cash rows, undecodable bytes, an unreadable header, …)
 */
public record ParsedFile(SourceFormat format, String fundSymbol, String fundName, String issuer, LocalDate asOf,
                         String asOfText, List<RawRow> rows, Map<String, String> declared, List<Finding> findings) {

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    /** A file that could not be read, with {@code why} added to what was found before. */
    static ParsedFile failed(List<Finding> findings, Finding why) {
        findings.add(why);
        return new ParsedFile(null, null, null, null, null, null, List.of(), Map.of(), findings);
    }
}
