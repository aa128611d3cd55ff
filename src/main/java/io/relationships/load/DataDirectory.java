package io.relationships.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The one data directory ({@code relationships.data-dir}, environment {@code RELATIONSHIPS_DATA_DIR}), with
 * {@code holdings/}, {@code universes/}, {@code themes/} and {@code sectors/} inside. Defaults to the shipped
 * {@code data/}. When that directory does not exist and the jar carries the sample data (embedded mode: a jar
 * copied to a server or run from a download), the sample is unpacked next to the embedded engines' data and used.
 */
@Component
public class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    /** Where the build puts the repository's {@code data/} inside the jar. */
    static final String PACKAGED = "sample-data";

    private final Path root;
    private final boolean packaged;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.packaged = false;
    }

    @Autowired
    DataDirectory(DataProperties data, LoadProperties properties) {
        Path absolute = Path.of(data.dataDir()).toAbsolutePath().normalize();
        if (Files.isDirectory(absolute) || !properties.packagedSample()) {
            this.root = absolute;
            this.packaged = false;
        } else {
            Path unpacked = Path.of(properties.packagedSampleDir()).toAbsolutePath().normalize();
            int files = unpack(unpacked);
            this.packaged = files > 0;
            this.root = packaged ? unpacked : absolute;
            if (packaged) {
                log.info("No data directory at {}: using the sample data packaged in the jar ({} files, unpacked to {})",
                        absolute, files, unpacked);
            }
        }
    }

    public Path root() {
        return root;
    }

    /** Whether the data directory is the sample packaged in the jar (no {@code relationships.data-dir} on this machine). */
    public boolean packagedSample() {
        return packaged;
    }

    public Path resolve(String sub) {
        return root.resolve(sub);
    }

    /** Copies the packaged sample below {@code target} (files already there are kept); returns how many files it has. */
    private static int unpack(Path target) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(DataDirectory.class.getClassLoader())
                    .getResources("classpath*:" + PACKAGED + "/**/*.*");
            int files = 0;
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String relative = url.substring(url.lastIndexOf(PACKAGED + "/") + PACKAGED.length() + 1);
                if (!resource.isReadable() || relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                Path file = target.resolve(relative).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                files++;
                if (!Files.exists(file)) {
                    Files.createDirectories(file.getParent());
                    try (InputStream in = resource.getInputStream()) {
                        Files.copy(in, file);
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the packaged sample data to " + target, e);
        }
    }
}
