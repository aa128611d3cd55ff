package io.relationships.load.format;

/** The file formats the loaders recognise, by content. docs/formats.md describes each one. */
public enum SourceFormat {
    /** the project's own CSV: optional {@code # key: value} lines, then a header with symbol (and weight) columns */
    STANDARD_CSV("standard CSV"),
    ISHARES_CSV("iShares CSV"),
    SSGA_XLSX("SSGA/SPDR XLSX"),
    INVESCO_CSV("Invesco CSV"),
    ARK_CSV("ARK CSV"),
    JSON("JSON holdings"),
    THEMES_CSV("themes CSV");

    private final String label;

    SourceFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
