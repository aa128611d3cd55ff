package io.relationships.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the ordered Cypher migrations of {@code cypher/migrations} ({@code V001__name.cypher}) once each,
 * recording every applied one as a {@code :__SchemaMigration} node with its checksum.
 * <p>
 * A small runner of our own rather than Neo4j-Migrations: that library's Spring Boot starter is not built for
 * Boot 4 yet, and all we need is "run each file once, in order, and refuse an edited one".
 */
final class CypherMigrations {

    private static final Logger log = LoggerFactory.getLogger(CypherMigrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(.+)\\.cypher");

    record Migration(int version, String description, String checksum, List<String> statements) {
    }

    private final Driver driver;
    private final List<Migration> migrations;

    CypherMigrations(Driver driver, String location) {
        this.driver = driver;
        this.migrations = read(location);
    }

    /** The schema version the code expects: the highest migration on the classpath. */
    int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    /** Applies what is missing and returns the version the graph is at afterwards. */
    int migrate() {
        try (Session session = driver.session()) {
            Map<Long, String> applied = session.executeRead(tx -> tx.run(
                            "MATCH (m:__SchemaMigration) RETURN m.version AS version, m.checksum AS checksum")
                    .list(r -> Map.entry(r.get("version").asLong(), r.get("checksum").asString())))
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
                        // a record written twice (a retried transaction) is harmless; two different ones are not
                        if (!a.equals(b)) {
                            throw new IllegalStateException("The graph records one Cypher migration twice with different checksums");
                        }
                        return a;
                    }));
            for (Migration migration : migrations) {
                String checksum = applied.get((long) migration.version());
                if (checksum != null) {
                    if (!checksum.equals(migration.checksum())) {
                        throw new IllegalStateException("Cypher migration V" + migration.version() + " ("
                                + migration.description() + ") was changed after it was applied; add a new migration instead");
                    }
                    continue;
                }
                // schema statements cannot share a transaction with writes: one auto-commit statement each
                for (String statement : migration.statements()) {
                    session.run(statement).consume();
                }
                // MERGE: the driver retries a transaction function it cannot confirm, which must not record it twice
                session.executeWrite(tx -> tx.run("""
                                MERGE (m:__SchemaMigration {version: $version})
                                ON CREATE SET m.description = $description, m.checksum = $checksum, m.appliedAt = datetime()""",
                        Map.of("version", migration.version(), "description", migration.description(),
                                "checksum", migration.checksum())).consume());
                log.info("Applied Cypher migration V{} {}", migration.version(), migration.description());
            }
        }
        return latestVersion();
    }

    private static List<Migration> read(String location) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location + "/V*.cypher");
            return Arrays.stream(resources)
                    .map(CypherMigrations::parse)
                    .sorted(Comparator.comparingInt(Migration::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Migration parse(Resource resource) {
        Matcher name = FILE_NAME.matcher(String.valueOf(resource.getFilename()));
        if (!name.matches()) {
            throw new IllegalStateException("Cypher migration file name must look like V001__description.cypher: " + resource);
        }
        try {
            String text = resource.getContentAsString(StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), sha256(text),
                    CypherFiles.statements(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
