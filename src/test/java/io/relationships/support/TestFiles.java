package io.relationships.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** A fresh folder under {@code target/test-files} (an allowed root in the test profile) to load files from. */
public final class TestFiles {

    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private final Path directory;

    private TestFiles(Path directory) {
        this.directory = directory;
    }

    public static TestFiles create() {
        try {
            return new TestFiles(Files.createDirectories(Path.of("target/test-files", UUID.randomUUID().toString())).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path write(String name, String content) {
        return write(name, content, StandardCharsets.UTF_8);
    }

    public Path write(String name, String content, Charset charset) {
        return write(name, content.getBytes(charset));
    }

    public Path write(String name, byte[] content) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path copyFixture(String fixture) {
        try {
            Path source = FIXTURES.resolve(fixture);
            return Files.copy(source, directory.resolve(source.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String name) {
        try {
            Files.delete(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
