package io.relationships.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * PostgreSQL and Neo4j in a JVM of their own, standing for external servers: what a test needs to run the service
 * (or several instances of it) in external mode, as in production. Prints one line,
 * {@code ENGINES <jdbcUrl> <user> <password> <boltUri> <neo4jUser> <neo4jPassword>}, then runs until killed or until
 * its standard input closes (the test that started it ended).
 */
public final class EnginesInChildProcess {

    public static void main(String[] args) throws Exception {
        EmbeddedEngines engines = EmbeddedEngines.start(new EmbeddedProperties(true, Path.of(args[0]), true, "relationships", 0, 0,
                "64m", Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"), true));
        Runtime.getRuntime().addShutdownHook(new Thread(engines::close));
        System.out.println(String.join(" ", "ENGINES", engines.postgres().jdbcUrl(), engines.postgres().username(),
                engines.postgres().password(), engines.neo4j().boltUri().toString(), engines.neo4j().username(), engines.neo4j().password()));
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent goes
        }
        System.exit(0);
    }
}
