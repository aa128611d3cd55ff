/**
 * The file readers, one per format, and the CSV reader every small CSV of the service goes through
 * ({@link io.relationships.load.format.CsvTable}): exposed to other modules as the {@code load::format} interface.
 */
@NamedInterface("format")
package io.relationships.load.format;

import org.springframework.modulith.NamedInterface;
