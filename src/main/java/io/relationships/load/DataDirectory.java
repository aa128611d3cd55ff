package io.relationships.load;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one data directory ({@code relationships.data-dir}, environment {@code RELATIONSHIPS_DATA_DIR}), with
 * {@code holdings/}, {@code universes/}, {@code themes/} and {@code sectors/} inside. Defaults to the shipped
 * {@code data/}.
 */
@Component
public class DataDirectory {

    private final Path root;

    DataDirectory(@Value("${relationships.data-dir:data}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String sub) {
        return root.resolve(sub);
    }
}
