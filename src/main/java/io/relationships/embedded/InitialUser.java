package io.relationships.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * The initial user of a new Neo4j store, written where Neo4j reads it when it creates its system database (what
 * {@code neo4j-admin dbms set-initial-password} writes, done in-process): the store is born with the password, so
 * it is started once instead of twice (once to set the password with Bolt off, once to serve), which is the
 * larger part of a first start's time in the engine.
 */
final class InitialUser {

    private InitialUser() {
    }

    static void write(Path home, String user, String password) {
        Path file = file(home);
        try (var fs = new DefaultFileSystemAbstraction()) {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            var repository = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repository.start();
            try {
                var credential = SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
                repository.create(new User(user, null, credential, false, false));
            } finally {
                repository.shutdown();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the embedded Neo4j's initial user to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Once the store has made the user its own, the file (a hash of the password) has no further use. */
    static void remove(Path home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(Path home) {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home.toAbsolutePath()).build();
        return CommunitySecurityModule.getInitialUserRepositoryFile(config);
    }
}
