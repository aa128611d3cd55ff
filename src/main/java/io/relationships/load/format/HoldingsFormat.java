package io.relationships.load.format;

import java.util.List;

import io.relationships.load.Finding;

/**
 * One holdings (or universe) file format: how it is told from its content and how it is read. A new issuer format
 * is a class implementing this interface, listed in {@link FileParser#FORMATS}; docs/formats.md describes each one.
 */
interface HoldingsFormat {

    SourceFormat format();

    /**
     * Whether the file is in this format, from its content only (never its name): a workbook from its bytes, JSON
     * from its text, a CSV layout from its records — each is there once {@link FileParser} has decoded that far.
     * Never throws, never reports: recognising a file is not reading it.
     */
    boolean recognises(FileContent content);

    /**
     * Reads a file this format recognised into its rows and what it says about itself. Never throws on bad
     * content: what is wrong goes to {@code findings} (which already hold what decoding found) with file, line
     * and column.
     */
    ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings);
}
