package io.relationships.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.relationships.embedded.EmbeddedCredentials.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from zonky's binaries in a directory of ours. Survives restarts (the directory is kept),
 * and cleans up after a process that was killed without shutting it down.
 * <p>
 * Nobody gets in without a password, not even from this machine: the superuser's and the service role's are in the
 * {@link EmbeddedCredentials}, and the service connects as the role {@value PostgresServiceRole#NAME}, which owns its
 * database and nothing more. A data directory from before (every local connection trusted, the superuser owning
 * everything) is upgraded at its first start here, and one whose passwords were lost gets new ones.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** zonky's own lock file: held by the JVM that runs the server in that directory. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String database;
    private final String superuserPassword;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database, String superuserPassword, String password) {
        this.postgres = postgres;
        this.database = database;
        this.superuserPassword = superuserPassword;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path directory, String database, int port, Map<String, String> settings,
                                               EmbeddedCredentials credentials) {
        try {
            Files.createDirectories(directory);
            stopOrphanedPostmaster(directory);
            boolean existed = Files.exists(directory.resolve("postgresql.conf"));
            boolean passwordKnown = !credentials.isNew(Secret.POSTGRES_SUPERUSER);
            String superuserPassword = credentials.password(Secret.POSTGRES_SUPERUSER);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(PostgresAuthentication.privateBinaries().toFile())
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // zonky's hook would stop PostgreSQL before the connection pool closes; Spring closes us after the pool
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky waits for the server by connecting as the superuser, and hands out connections as it
                    .setConnectConfig("password", superuserPassword)
                    // after initdb (which trusts everyone), before the server starts
                    .setDataDirectoryCustomizer(data -> secure(data.toPath(), superuserPassword, existed, passwordKnown, credentials));
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            credentials.applied(Secret.POSTGRES_SUPERUSER);
            try {
                String password = credentials.password(Secret.POSTGRES_SERVICE);
                PostgresServiceRole.ensure(postgres, database, password);
                credentials.applied(Secret.POSTGRES_SERVICE);
                return new EmbeddedPostgresServer(postgres, database, superuserPassword, password);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw new IllegalStateException("Could not set up the role " + PostgresServiceRole.NAME + " and database " + database
                        + " in embedded PostgreSQL", e);
            }
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new IllegalStateException("The embedded PostgreSQL directory " + directory.toAbsolutePath()
                        + " is in use by another running instance of the service. Stop it, or set relationships.embedded.data-dir to another directory.", e);
            }
            throw e;
        } catch (IOException e) {
            if (refusedPassword(e)) {
                throw new IllegalStateException("The embedded PostgreSQL in " + directory.toAbsolutePath() + " refuses the superuser password in "
                        + credentials.file().toAbsolutePath() + " (a file from another data directory?). With the service stopped, delete that file: "
                        + "the next start sets new passwords in the data directory and writes them there.", e);
            }
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory.toAbsolutePath(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The role the service connects as. */
    public String username() {
        return PostgresServiceRole.NAME;
    }

    public String password() {
        return password;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String superuserPassword() {
        return superuserPassword;
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

    /** Runs with the server stopped: no trust left in pg_hba.conf, and the superuser's password set where it must be. */
    private static void secure(Path data, String superuserPassword, boolean existed, boolean passwordKnown, EmbeddedCredentials credentials) {
        try {
            boolean trusted = PostgresAuthentication.requirePasswords(data);
            if (existed && passwordKnown) {
                if (trusted) {
                    log.warn("{} trusted some connections without a password: rewritten so that every connection needs one", data.resolve(PostgresAuthentication.HBA_FILE));
                }
                return;
            }
            PostgresAuthentication.setPasswordOffline(data, SUPERUSER, superuserPassword);
            if (!existed) {
                log.info("New embedded PostgreSQL in {}: it asks every connection for a password (kept in {})", data.toAbsolutePath(), credentials.file().toAbsolutePath());
            } else if (trusted) {
                log.warn("Upgrading the embedded PostgreSQL in {} from an earlier version that let every local connection in as superuser: "
                        + "every connection now needs a password (kept in {}), and the service connects as the role {}, which takes over its database",
                        data.toAbsolutePath(), credentials.file().toAbsolutePath(), PostgresServiceRole.NAME);
            } else {
                log.warn("The embedded PostgreSQL in {} has data but its passwords were not in {}: new ones were set (with the server stopped, "
                        + "in single-user mode) and are written there", data.toAbsolutePath(), credentials.file().toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean refusedPassword(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "28P01".equals(sql.getSQLState())) { // invalid_password
                return true;
            }
        }
        return false;
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
