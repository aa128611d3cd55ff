package io.relationships.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @TempDir
    Path directory;

    /** As the engines lay it out: the server in {@code postgres/}, the credentials beside it (read anew, as a new process would). */
    EmbeddedPostgresServer start() {
        return EmbeddedPostgresServer.start(directory.resolve("postgres"), "relationships", 0, Map.of(), EmbeddedCredentials.in(directory));
    }

    @Test
    void aPostmasterOrphanedByAKilledProcessIsStoppedAndItsDataKept() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PostgresInChildProcess.class.getName(), directory.toString()))
                .redirectErrorStream(true)
                .start();
        try (var output = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("READY")) {
                // start-up chatter
            }
            assertThat(line).as("child started PostgreSQL").isEqualTo("READY");
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, postmaster left behind
        }

        long orphanPid = Long.parseLong(Files.readAllLines(directory.resolve("postgres/postmaster.pid")).get(0).trim());
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("the killed JVM left its postmaster running").isTrue();

        try (EmbeddedPostgresServer server = start()) {
            assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
            try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                 var result = connection.createStatement().executeQuery("select note from survivor")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("written before the kill");
            }
        }
    }

    @Test
    void dataSurvivesACleanRestart() throws Exception {
        try (EmbeddedPostgresServer server = start();
             var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            connection.createStatement().execute("create table kept (n int); insert into kept values (42)");
        }
        assertThat(directory.resolve("postgres/postmaster.pid")).doesNotExist();
        try (EmbeddedPostgresServer server = start();
             var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             var result = connection.createStatement().executeQuery("select n from kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }
}
