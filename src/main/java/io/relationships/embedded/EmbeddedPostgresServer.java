package io.relationships.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from zonky's binaries in a directory of ours. Survives restarts (the directory is kept),
 * and cleans up after a process that was killed without shutting it down.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** zonky's own lock file: held by the JVM that runs the server in that directory. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String database;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    public static EmbeddedPostgresServer start(Path directory, String database, int port, Map<String, String> settings) {
        try {
            Files.createDirectories(directory);
            stopOrphanedPostmaster(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // zonky's hook would stop PostgreSQL before the connection pool closes; Spring closes us after the pool
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPort(port);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres, database);
            return new EmbeddedPostgresServer(postgres, database);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new IllegalStateException("The embedded PostgreSQL directory " + directory.toAbsolutePath()
                        + " is in use by another running instance of the service. Stop it, or set relationships.embedded.data-dir to another directory.", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory.toAbsolutePath(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
                log.info("Created database {}", database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in embedded PostgreSQL", e);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running (and its pid file behind); the next start would then
     * fail on "another postmaster is running". If no live JVM holds zonky's lock on the directory, any postmaster
     * named in the pid file is an orphan of ours: stop it.
     */
    static void stopOrphanedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // a live process owns the directory; zonky reports it when it tries to lock
            }
            Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (postmaster.isEmpty()) {
                log.info("Removing stale PostgreSQL pid file left by a process that no longer runs: {}", pidFile);
                Files.deleteIfExists(pidFile);
                return;
            }
            ProcessHandle process = postmaster.get();
            String command = process.info().command().orElse("");
            if (!command.contains("postgres")) {
                log.info("The pid in {} now belongs to another program ({}); removing the stale pid file", pidFile, command);
                Files.deleteIfExists(pidFile);
                return;
            }
            log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by a process that was killed", process.pid());
            process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception timeout) {
                log.warn("Orphaned PostgreSQL (pid {}) did not stop in 20 s; killing it", process.pid());
                process.destroyForcibly();
            }
        } catch (OverlappingFileLockException inThisJvm) {
            // this JVM already runs a server in the directory; zonky will refuse with a clear message
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
