package io.relationships.load.format;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;

/** CSV records (RFC 4180: quotes doubled, no backslash escapes) with the line each one starts on. */
final class CsvRecords {

    record CsvRecord(int line, int lines, String[] cells) {

        boolean isBlank() {
            return nonBlankCells() == 0;
        }

        int nonBlankCells() {
            int n = 0;
            for (String cell : cells) {
                if (cell != null && !cell.replace('\u00A0', ' ').isBlank()) {
                    n++;
                }
            }
            return n;
        }

        String cell(int index) {
            return index < cells.length ? cells[index] : null;
        }

        /** Whether a cell is {@code header} (lower case), spelt any way {@link Field#normalise} forgives. */
        boolean hasColumn(String header) {
            for (String cell : cells) {
                if (cell != null && Field.normalise(cell).equals(header)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The CSV cannot be split into records: a quote opened on {@code line} is never closed. */
    static final class UnterminatedQuote extends IllegalArgumentException {
        private final int line;

        UnterminatedQuote(int line) {
            super("a quote opened on line " + line + " is never closed; check for a stray '\"'");
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private CsvRecords() {
    }

    static List<CsvRecord> read(String text, char separator) {
        List<CsvRecord> records = new ArrayList<>();
        long linesBefore = 0;
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new RFC4180ParserBuilder().withSeparator(separator).build())
                .withKeepCarriageReturn(false)
                .build()) {
            String[] cells;
            while ((cells = reader.readNext()) != null) {
                long linesAfter = reader.getLinesRead();
                records.add(new CsvRecord((int) linesBefore + 1, (int) Math.max(1, linesAfter - linesBefore), stripCarriageReturns(cells)));
                linesBefore = linesAfter;
            }
        } catch (CsvMalformedLineException e) {
            throw new UnterminatedQuote((int) linesBefore + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return records;
    }

    private static String[] stripCarriageReturns(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && cells[i].indexOf('\r') >= 0) {
                cells[i] = cells[i].replace("\r", "");
            }
        }
        return cells;
    }
}
