package io.relationships.embedded;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

/** Runs an embedded PostgreSQL in a separate JVM so that a test can kill that JVM the hard way. */
public final class PostgresInChildProcess {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), "relationships", 0, Map.of());
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), null);
             var statement = connection.createStatement()) {
            statement.execute("create table survivor (note text)");
            statement.execute("insert into survivor values ('written before the kill')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
