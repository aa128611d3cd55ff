package io.relationships.quality;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Saved reports, kept in PostgreSQL ({@code saved_reports}) so that a report saved through one instance downloads
 * through any other. A report's name carries the UTC instant it was made, to the second
 * ({@code relationship_breakdown_2026-12-01T154233Z.md}), so that the reports of one day do not overwrite each other; a
 * second report of the same format saved in the same second takes a suffix ({@code …T154233Z-2.md}, {@code -3}, …),
 * never the first one's place. Reports older than {@code relationships.quality.report-retention} are removed.
 */
@Component
class ReportFiles {

    private static final String PREFIX = "relationship_breakdown_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern SAVED_NAME = Pattern.compile("relationship_breakdown_\\d{4}-\\d{2}-\\d{2}T\\d{6}Z(-\\d{1,4})?\\.(md|json|html|txt)");
    /** Far more reports of one format in one second than anyone makes: past it something is wrong. */
    private static final int MOST_IN_ONE_SECOND = 1000;

    /** A saved report: its name and its bytes (UTF-8 text). */
    record SavedReport(String name, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final QualityProperties properties;

    ReportFiles(JdbcClient jdbc, QualityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The name of a report made at {@code at}: what a download is called, and a saved report unless the second is taken. */
    static String fileName(Instant at, String extension) {
        return PREFIX + STAMP.format(at) + "." + extension;
    }

    /** Saves a report made at {@code at} under a name no other saved report has; returns the name. */
    String save(Instant at, String extension, String content) {
        jdbc.sql("delete from saved_reports where created_at < now() - make_interval(secs => ?)")
                .param(properties.reportRetention().toSeconds()).update();
        String stamp = PREFIX + STAMP.format(at);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        for (int n = 1; n <= MOST_IN_ONE_SECOND; n++) {
            String name = stamp + (n == 1 ? "" : "-" + n) + "." + extension;
            // the primary key decides: two reports saved at once (two requests, two instances) cannot take one name
            if (jdbc.sql("insert into saved_reports (name, content) values (?, ?) on conflict do nothing").params(name, bytes).update() == 1) {
                return name;
            }
        }
        throw new IllegalStateException(MOST_IN_ONE_SECOND + " reports named " + stamp + "." + extension + " already exist");
    }

    /** A saved report by name. */
    Optional<SavedReport> saved(String name) {
        if (!SAVED_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select content from saved_reports where name = ?").param(name)
                .query((rs, n) -> new SavedReport(name, rs.getBytes(1))).optional();
    }
}
