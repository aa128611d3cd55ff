package io.relationships.load.format;

/** One value of a row, with where it came from: column number (1-based) and header. */
public record Cell(String text, int column, String header) {

    public boolean isBlank() {
        return text == null || text.isBlank();
    }

    public String trimmed() {
        return text == null ? null : text.strip();
    }
}
