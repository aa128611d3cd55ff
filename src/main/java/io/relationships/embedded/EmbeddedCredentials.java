package io.relationships.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passwords of the embedded engines, kept in {@value #FILE_NAME} in their data directory, readable by its owner
 * only (the directory too is closed to others), so that no other user of the machine can connect to them.
 * <p>
 * A password missing from the file is generated when an engine asks for it, and written to the file only once that
 * engine reports it {@link #applied}: whatever happens in between (a kill, a failed start), the file never names a
 * password an engine does not have, and the next start generates and sets it again.
 */
public final class EmbeddedCredentials {

    static final String FILE_NAME = "credentials.properties";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedCredentials.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The passwords the file keeps, under their keys in the file. */
    enum Secret {
        POSTGRES_SUPERUSER("postgres.superuser.password"),
        POSTGRES_SERVICE("postgres.service.password"),
        NEO4J("neo4j.password");

        private final String key;

        Secret(String key) {
            this.key = key;
        }
    }

    private final Path file;
    private final Map<Secret, String> stored = new EnumMap<>(Secret.class);
    private final Map<Secret, String> generated = new EnumMap<>(Secret.class);

    private EmbeddedCredentials(Path file) {
        this.file = file;
    }

    /**
     * The credentials kept in {@code directory}, which is created if missing and closed to other users (where the
     * file system has POSIX permissions); the file's permissions are tightened if someone loosened them.
     */
    public static EmbeddedCredentials in(Path directory) {
        try {
            Files.createDirectories(directory);
            restrict(directory, OWNER_ONLY_DIRECTORY);
            EmbeddedCredentials credentials = new EmbeddedCredentials(directory.resolve(FILE_NAME));
            if (Files.exists(credentials.file)) {
                restrict(credentials.file, OWNER_ONLY_FILE);
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(credentials.file)) {
                    properties.load(reader);
                }
                for (Secret secret : Secret.values()) {
                    String value = properties.getProperty(secret.key, "").trim();
                    if (!value.isEmpty()) {
                        credentials.stored.put(secret, value);
                    }
                }
            }
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded engines' credentials in " + directory.toAbsolutePath(), e);
        }
    }

    /** The password kept in the file, or one generated now (and kept in memory until {@link #applied}). */
    synchronized String password(Secret secret) {
        String kept = stored.get(secret);
        return kept != null ? kept : generated.computeIfAbsent(secret, s -> generate());
    }

    /** Whether the password was not in the file, so that the engine must be given it. */
    synchronized boolean isNew(Secret secret) {
        return !stored.containsKey(secret);
    }

    /** The engine now has the password: keep it in the file. */
    synchronized void applied(Secret secret) {
        String value = generated.remove(secret);
        if (value == null) {
            return;
        }
        stored.put(secret, value);
        write();
    }

    public Path file() {
        return file;
    }

    private void write() {
        Properties properties = new Properties();
        stored.forEach((secret, value) -> properties.setProperty(secret.key, value));
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        try {
            Files.deleteIfExists(temporary);
            // created owner-only, so that the passwords are never readable by others, not even for a moment
            Files.createFile(temporary, ownerOnly());
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "Passwords of the embedded engines, generated by the relationship service: PostgreSQL's superuser "
                        + EmbeddedPostgresServer.SUPERUSER + ", the service's role " + PostgresServiceRole.NAME + " and Neo4j's user "
                        + EmbeddedNeo4jServer.USER + ".\nKeep this file readable by its owner only. To replace the passwords, stop the service "
                        + "and delete it: the next start sets new ones.");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the embedded engines' credentials to " + file.toAbsolutePath(), e);
        }
    }

    private static String generate() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()))); // 190 bits
        }
        return password.toString();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (current.equals(permissions)) {
            return;
        }
        if (Files.isRegularFile(path) && current.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
            log.warn("{} was open to other users: permissions reset to owner-only", path.toAbsolutePath());
        }
        Files.setPosixFilePermissions(path, permissions);
    }
}
