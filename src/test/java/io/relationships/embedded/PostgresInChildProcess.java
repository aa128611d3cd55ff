package io.relationships.embedded;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

/** Runs an embedded PostgreSQL in a separate JVM so that a test can kill that JVM the hard way. */
public final class PostgresInChildProcess {

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("postgres"), "relationships", 0, Map.of(),
                EmbeddedCredentials.in(directory));
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             var statement = connection.createStatement()) {
            statement.execute("create table survivor (note text)");
            statement.execute("insert into survivor values ('written before the kill')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
