package io.relationships.load.format;

import java.util.Map;

/** A data row as read, before any value is interpreted: line (or sheet row) number and the recognised cells. */
public record RawRow(int line, Map<Field, Cell> cells) {

    public Cell cell(Field field) {
        return cells.get(field);
    }

    public String text(Field field) {
        Cell cell = cells.get(field);
        return cell == null || cell.isBlank() ? null : cell.trimmed();
    }
}
