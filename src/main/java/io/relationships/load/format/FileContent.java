package io.relationships.load.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * A file as {@link FileParser} offers it to the formats, decoded once and only as far as it has got: its bytes; its
 * text, once it is known to be text; its CSV records, once that text has split into records.
 *
 * @param file  the file's label, for findings only (formats are told by content, never by name)
 * @param text  null until the bytes are decoded as text
 * @param csv   null until the text has split into CSV records
 */
record FileContent(String file, byte[] bytes, String text, Csv csv) {

    /** How far down a CSV the header of a table is looked for (issuers put a preamble above it). */
    static final int HEADER_SEARCH_LINES = 40;

    /**
     * A CSV's records, and the {@code # key: value} lines that stood above them (replaced by blank records, so that
     * line numbers hold).
     */
    record Csv(List<CsvRecord> records, Map<String, String> declared) {
    }

    static FileContent of(String file, byte[] bytes) {
        return new FileContent(file, bytes, null, null);
    }

    FileContent withText(String decoded) {
        return new FileContent(file, bytes, decoded, null);
    }

    FileContent withCsv(Csv records) {
        return new FileContent(file, bytes, text, records);
    }

    /** The index of the first record, among the first {@value #HEADER_SEARCH_LINES}, that {@code isHeader} accepts; empty when not CSV. */
    Optional<Integer> header(Predicate<CsvRecord> isHeader) {
        return csv == null ? Optional.empty() : Table.findHeader(csv.records(), HEADER_SEARCH_LINES, isHeader);
    }

    /** The index of the first non-blank record, where a CSV without a preamble has its header. */
    Optional<Integer> firstLine() {
        return header(record -> !record.isBlank());
    }
}
